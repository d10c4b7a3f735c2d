namespace DapPanel.App.Features.Account;

/// <summary>Where to go after signing in: a page of this site, never another site or an account page.</summary>
public static class LocalReturnUrl
{
    public static string Of(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\") && !returnUrl.StartsWith("account/")
            && !returnUrl.StartsWith("/account/")
            ? "/" + returnUrl.TrimStart('/')
            : "/";
}
