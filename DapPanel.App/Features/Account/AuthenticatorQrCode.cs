using QRCoder;

namespace DapPanel.App.Features.Account;

/// <summary>The otpauth address authenticator apps read, and its QR code as an image the page can embed.</summary>
public static class AuthenticatorQrCode
{
    const string Issuer = "DapPanel";

    public static string Uri(string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(account)}"
        + $"?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>A data: address, which the content security policy allows for images (no script, no other site).</summary>
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
