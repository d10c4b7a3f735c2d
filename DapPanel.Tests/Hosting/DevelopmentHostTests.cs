using System.Text.RegularExpressions;
using DapPanel.App.Hosting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DapPanel.Tests.Hosting;

/// <summary>
/// `dotnet run --project DapPanel.App` starts in Development, where the container checks every service's lifetime when
/// the host is built (a singleton holding a scoped service stops the app). The test servers become Development only
/// after their builder is made, so they skip that check; this builds the host as `dotnet run` does. The test servers
/// also switch on the build's static web assets themselves, so the app run from its build in another environment is
/// checked here too.
/// </summary>
public partial class DevelopmentHostTests
{
    [Fact]
    public void The_app_started_in_development_passes_the_containers_lifetime_checks()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "dappanel-dev-host-" + Guid.NewGuid().ToString("N"));
        var builder = DapPanelHost.CreateBuilder(["--environment", Environments.Development, "--Storage:DataFolder", dataFolder]);
        Assert.True(builder.Environment.IsDevelopment());

        using var app = builder.Build();

        Assert.NotNull(app.Services);
    }

    /// <summary>
    /// `ASPNETCORE_ENVIRONMENT=Production dotnet run`, as someone trying Production behind a proxy before publishing:
    /// every script and stylesheet the sign-in page names is served with its content, not an empty answer.
    /// </summary>
    [Fact]
    public async Task The_app_run_from_its_build_in_production_serves_the_scripts_and_styles_its_pages_name()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "dappanel-prod-host-" + Guid.NewGuid().ToString("N"));
        await using var app = await DapPanelHost.CreateAsync(
            ["--environment", Environments.Production, "--Storage:DataFolder", dataFolder, "--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var proxy = new ProxiedClient(baseUrl);

        var page = await (await proxy.GetAsync("/account/login")).Content.ReadAsStringAsync();
        var assets = PageAsset().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains(assets, a => a.Contains("blazor.web"));
        foreach (var asset in assets)
        {
            var response = await proxy.GetAsync("/" + asset.TrimStart('/'));
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.IsSuccessStatusCode && body.Length > 0,
                $"{asset} answered {(int)response.StatusCode} with {body.Length} bytes");
        }
    }

    [GeneratedRegex("(?:href|src)=\"([^\":]+\\.(?:css|js))\"")]
    private static partial Regex PageAsset();
}
