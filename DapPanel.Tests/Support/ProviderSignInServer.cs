using DapPanel.Core.Domain;
using Microsoft.Extensions.Logging;

namespace DapPanel.Tests.Support;

/// <summary>
/// The demo app with one agency provider, the test OpenID Connect provider (<see cref="TestIdentityProvider"/>), for
/// probation's staff (emails at probation.example); two-factor sign-in required, as outside Development. Every log
/// entry is captured, to show that none names a person.
/// </summary>
public sealed class ProviderSignInServer : IAsyncLifetime
{
    public const string ProviderName = "northshire";
    public const string ProviderDisplayName = "Northshire ID";
    public const string Agency = "Probation Service — Croydon";
    public const string EmailDomain = "probation.example";

    public TestIdentityProvider Provider { get; private set; } = default!;
    public TestServer Server { get; private set; } = default!;
    public CapturedLogs Logs { get; } = new();

    /// <summary>False: probation's staff may not use a DapPanel password.</summary>
    public bool PasswordsForProviderAgencies { get; init; } = true;

    public async Task InitializeAsync()
    {
        Provider = await TestIdentityProvider.StartAsync();
        Server = new TestServer
        {
            Configure = builder =>
            {
                builder.Configuration["Security:RequireTwoFactor"] = "true";
                builder.Configuration["SignIn:PasswordsForProviderAgencies"] = PasswordsForProviderAgencies ? "true" : "false";
                UseProvider(builder.Configuration, Provider.Authority);
                builder.Logging.AddProvider(Logs);
                builder.Logging.AddFilter<CapturedLogs>(null, LogLevel.Information);
            },
        };
        await Server.InitializeAsync();
        await Provider.RegisterAsync(Server.BaseUrl, ProviderName);
    }

    /// <summary>Probation's staff sign in through the provider at <paramref name="authority"/>.</summary>
    public static void UseProvider(Microsoft.Extensions.Configuration.IConfiguration settings, string authority)
    {
        settings["SignIn:Providers:0:Name"] = ProviderName;
        settings["SignIn:Providers:0:DisplayName"] = ProviderDisplayName;
        settings["SignIn:Providers:0:Authority"] = authority;
        settings["SignIn:Providers:0:ClientId"] = TestIdentityProvider.ClientId;
        settings["SignIn:Providers:0:ClientSecret"] = TestIdentityProvider.ClientSecret;
        settings["SignIn:Providers:0:Agencies:0"] = Agency;
        settings["SignIn:Providers:0:EmailDomains:0"] = EmailDomain;
        settings["SignIn:Providers:0:AllowHttp"] = "true";
    }

    /// <summary>A probation officer an administrator added, with an account at the provider.</summary>
    public async Task<(Guid PersonId, ProviderAccount Account)> AddMemberAsync(bool assertsTwoFactor)
    {
        var (personId, email) = await Server.AddAsync(Role.AgencyMember, $"officer-{Guid.NewGuid():N}@{EmailDomain}");
        return (personId, Provider.Add(email, assertsTwoFactor));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ProviderSignInServerCollection : ICollectionFixture<ProviderSignInServer>
{
    public const string Name = "Provider sign-in server";
}
