using DapPanel.App.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DapPanel.Tests.Support;

/// <summary>The real app on Kestrel at a loopback port, with its own data folder and the demo panel.</summary>
public sealed class TestServer : IAsyncLifetime
{
    WebApplication? app;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "dappanel-tests", Guid.NewGuid().ToString("N"));
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => app!.Services;

    /// <summary>The server's clock; the real one unless a fixture needs the time of day fixed.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Extra configuration or service replacements for one fixture.</summary>
    public Action<WebApplicationBuilder>? Configure { get; init; }

    public async Task InitializeAsync()
    {
        app = await DapPanelHost.CreateAsync([], builder =>
        {
            builder.Environment.EnvironmentName = Environments.Development;
            builder.WebHost.UseStaticWebAssets();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration["Storage:DataFolder"] = DataFolder;
            // Tests sign the same people in many times a minute; SignInLimitTests checks the real limits.
            builder.Configuration["Security:SignInAttemptsPerAddress"] = "100000";
            builder.Configuration["Security:SignInAttemptsPerAccount"] = "100000";
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.Replace(ServiceDescriptor.Singleton(Clock));
            Configure?.Invoke(builder);
        });
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public HttpClient CreateClient(bool followRedirects = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, UseCookies = true }) { BaseAddress = new Uri(BaseUrl) };

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoServerCollection : ICollectionFixture<TestServer>
{
    public const string Name = "Demo server";
}
