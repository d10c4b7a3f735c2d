using System.Text.RegularExpressions;
using DapPanel.Core.Security;

namespace DapPanel.App.Security;

/// <summary>
/// The "SignIn" settings: the agencies' own OpenID Connect providers, and whether their people may still use a DapPanel
/// password.
/// </summary>
public sealed partial class ProviderSettings : IAgencySignInMethods
{
    public List<SignInProvider> Providers { get; init; } = [];

    /// <summary>False: people whose agency has a provider sign in only through it.</summary>
    public bool PasswordsForProviderAgencies { get; init; } = true;

    /// <summary>The providers' sites, which DapPanel's forms redirect to when signing in or out there.</summary>
    public IEnumerable<string> Origins =>
        Providers.Select(p => new Uri(p.Authority).GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.OrdinalIgnoreCase);

    public SignInProvider? Find(string? name) =>
        Providers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>The provider an agency's people sign in with, if any.</summary>
    public SignInProvider? ForAgency(string agencyName) =>
        Providers.FirstOrDefault(p => p.Agencies.Any(a => string.Equals(a.Trim(), agencyName.Trim(), StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether someone of this agency may sign in with a DapPanel password.</summary>
    public bool AllowsPassword(string agencyName) => PasswordsForProviderAgencies || ForAgency(agencyName) is null;

    /// <summary>How an account signs in, as administrators read it: "Password", "Northshire Police" or both.</summary>
    public string DescribeMethod(string? method) => method switch
    {
        null => "",
        DapPanel.Core.Data.DapPanelUser.PasswordSignIn => "Password",
        _ => Find(method)?.DisplayName ?? method,
    };

    /// <summary>Reads and checks the settings at start, so a mistake stops the app with a message that names the key.</summary>
    public static ProviderSettings Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection("SignIn").Get<ProviderSettings>() ?? new ProviderSettings();
        var problems = settings.Providers.SelectMany((p, i) => p.Problems($"SignIn:Providers:{i}")).ToList();
        foreach (var (provider, i) in settings.Providers.Select((p, i) => (p, i)))
            if (provider.AllowHttp && !environment.IsDevelopment())
                problems.Add($"SignIn:Providers:{i}:AllowHttp is for Development only: a provider is reached by https.");
        foreach (var twice in settings.Providers.GroupBy(p => p.Name).Where(g => g.Count() > 1))
            problems.Add($"SignIn:Providers has two providers named \"{twice.Key}\".");
        foreach (var agency in settings.Providers.SelectMany(p => p.Agencies.Select(a => (Agency: a.Trim(), p.Name)))
                     .GroupBy(a => a.Agency, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(a => a.Name).Distinct().Count() > 1))
            problems.Add($"The agency \"{agency.Key}\" is listed under more than one sign-in provider.");
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        return settings;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,30}$")]
    internal static partial Regex NamePattern();
}

/// <summary>One agency's OpenID Connect provider (Microsoft Entra ID, or any other that speaks the protocol).</summary>
public sealed class SignInProvider
{
    /// <summary>Short and fixed: it is part of the redirect addresses registered with the provider (/signin-oidc/NAME).</summary>
    public string Name { get; init; } = "";

    /// <summary>What the sign-in button says after "Sign in with".</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>The issuer's address; its /.well-known/openid-configuration is read from there.</summary>
    public string Authority { get; init; } = "";

    public string ClientId { get; init; } = "";

    /// <summary>Best set from the environment (SignIn__Providers__0__ClientSecret), never in a file in the repository.</summary>
    public string ClientSecret { get; init; } = "";

    /// <summary>Names of the agencies, as DapPanel spells them, whose people sign in through this provider.</summary>
    public List<string> Agencies { get; init; } = [];

    /// <summary>The email domains this provider may vouch for (its organisation's own, verified ones).</summary>
    public List<string> EmailDomains { get; init; } = [];

    /// <summary>"acr" values that mean the provider asked for a second factor, besides "mfa" in "amr".</summary>
    public List<string> TwoFactorAcrValues { get; init; } = [];

    /// <summary>Only for a provider on this machine in Development; everywhere else the provider is reached by https.</summary>
    public bool AllowHttp { get; init; }

    public string CallbackPath => $"/signin-oidc/{Name}";
    public string SignedOutCallbackPath => $"/signout-callback-oidc/{Name}";
    public string RemoteSignOutPath => $"/signout-oidc/{Name}";

    public bool VouchesFor(string email)
    {
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1) return false;
        var domain = email[(at + 1)..];
        return EmailDomains.Any(d => string.Equals(d.Trim().TrimStart('@'), domain, StringComparison.OrdinalIgnoreCase));
    }

    internal IEnumerable<string> Problems(string key)
    {
        if (!ProviderSettings.NamePattern().IsMatch(Name))
            yield return $"{key}:Name \"{Name}\" must be 1 to 31 small letters, digits and hyphens (it is part of the redirect address).";
        if (string.IsNullOrWhiteSpace(DisplayName)) yield return $"{key}:DisplayName is missing (the button says \"Sign in with\" it).";
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            yield return $"{key}:Authority \"{Authority}\" is not an https address.";
        else if (authority.Scheme == "http" && !AllowHttp)
            yield return $"{key}:Authority must be an https address.";
        if (string.IsNullOrWhiteSpace(ClientId)) yield return $"{key}:ClientId is missing.";
        if (string.IsNullOrWhiteSpace(ClientSecret))
            yield return $"{key}:ClientSecret is missing: set it in the environment as SignIn__Providers__{key.Split(':')[^1]}__ClientSecret.";
        if (Agencies.Count == 0 || Agencies.Any(string.IsNullOrWhiteSpace))
            yield return $"{key}:Agencies must name at least one agency, as DapPanel spells it.";
        if (EmailDomains.Count == 0 || EmailDomains.Any(d => string.IsNullOrWhiteSpace(d) || d.Contains('*')))
            yield return $"{key}:EmailDomains must list the email domains (no wildcards) this provider may vouch for.";
    }
}
