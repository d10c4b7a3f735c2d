using DapPanel.Core.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace DapPanel.Core.Circulation;

/// <summary>The "Email" section of appsettings.json. Without an SMTP host, mail goes to the pickup folder.</summary>
public sealed class EmailSettings
{
    public string FromAddress { get; set; } = "dapp-coordinator@dappanel.example";
    public string FromName { get; set; } = "DapPanel";
    /// <summary>Where recipients open DapPanel; links in emails start here.</summary>
    public string AppBaseUrl { get; set; } = "http://localhost:5080";
    public SmtpSettings Smtp { get; set; } = new();
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

public interface IEmailSender
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default);
}

/// <summary>Writes each message as an .eml file, so email works on one machine with nothing else.</summary>
public sealed class PickupFolderEmailSender(StorageSettings storage) : IEmailSender
{
    public string Folder => Path.Combine(storage.FullDataFolder, "mail-pickup");

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(path, cancellationToken);
    }
}

public sealed class SmtpEmailSender(EmailSettings settings) : IEmailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken = default)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), settings.Smtp.Port, SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(settings.Smtp.UserName))
            await client.AuthenticateAsync(settings.Smtp.UserName, settings.Smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
