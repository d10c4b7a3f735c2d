using DapPanel.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace DapPanel.Tests.Support;

/// <summary>A demo server whose open pages and hub connections re-check their person every two seconds.</summary>
public sealed class RevocationServer : IAsyncLifetime
{
    public const int RevalidationSeconds = 2;

    public TestServer Server { get; } = new()
    {
        Configure = builder => builder.Configuration["Security:RevalidationSeconds"] = RevalidationSeconds.ToString(),
    };

    public Task InitializeAsync() => Server.InitializeAsync();
    public Task DisposeAsync() => Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RevocationServerCollection : ICollectionFixture<RevocationServer>
{
    public const string Name = "Revocation server";
}

