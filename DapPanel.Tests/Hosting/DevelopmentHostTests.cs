using DapPanel.App.Hosting;
using Microsoft.Extensions.Hosting;

namespace DapPanel.Tests.Hosting;

/// <summary>
/// `dotnet run --project DapPanel.App` starts in Development, where the container checks every service's lifetime when
/// the host is built (a singleton holding a scoped service stops the app). The test servers become Development only
/// after their builder is made, so they skip that check; this builds the host as `dotnet run` does.
/// </summary>
public class DevelopmentHostTests
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
}
