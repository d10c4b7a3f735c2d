using DapPanel.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace DapPanel.Tests.Support;

/// <summary>A demo server that requires two-factor sign-in, as outside Development.</summary>
public sealed class TwoFactorServer : IAsyncLifetime
{
    public TestServer Server { get; } = new()
    {
        Configure = builder => builder.Configuration["Security:RequireTwoFactor"] = "true",
    };

    public Task InitializeAsync() => Server.InitializeAsync();
    public Task DisposeAsync() => Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TwoFactorServerCollection : ICollectionFixture<TwoFactorServer>
{
    public const string Name = "Two-factor server";
}

