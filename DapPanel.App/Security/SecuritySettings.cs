namespace DapPanel.App.Security;

/// <summary>The "Security" settings: sign-in strength, idle time, and how quickly a revoked person is cut off.</summary>
public sealed class SecuritySettings
{
    /// <summary>Everyone must enrol an authenticator app before using anything else. Default: true outside Development.</summary>
    public bool RequireTwoFactor { get; init; }

    /// <summary>The sign-in ends after this long without the person doing anything, open pages included.</summary>
    public double IdleTimeoutMinutes { get; init; } = 30;

    /// <summary>How often open pages and hub connections check that their person may still use the app.</summary>
    public int RevalidationSeconds { get; init; } = 60;

    /// <summary>Sign-in and code forms sent from one network address per minute before it must wait.</summary>
    public int SignInAttemptsPerAddress { get; init; } = 30;

    /// <summary>Sign-in attempts for one email address (or codes for one account) per ten minutes.</summary>
    public int SignInAttemptsPerAccount { get; init; } = 10;

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes > 0 ? IdleTimeoutMinutes : 30);

    public TimeSpan Revalidation => TimeSpan.FromSeconds(Math.Clamp(RevalidationSeconds, 1, 300));

    public static SecuritySettings Read(IConfiguration configuration, IHostEnvironment environment) => new()
    {
        RequireTwoFactor = configuration.GetValue<bool?>("Security:RequireTwoFactor") ?? !environment.IsDevelopment(),
        IdleTimeoutMinutes = configuration.GetValue("Security:IdleTimeoutMinutes", 30.0),
        RevalidationSeconds = configuration.GetValue("Security:RevalidationSeconds", 60),
        SignInAttemptsPerAddress = Math.Max(1, configuration.GetValue("Security:SignInAttemptsPerAddress", 30)),
        SignInAttemptsPerAccount = Math.Max(1, configuration.GetValue("Security:SignInAttemptsPerAccount", 10)),
    };
}
