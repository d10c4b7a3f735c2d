using System.Text.Json;

namespace DapPanel.Tests.Hosting;

/// <summary>
/// The app runs with the runtime's own compilation and thread-pool settings: a setting that only a benchmark topology
/// needs does not ship (decision 12). Adding one back needs a decision record with its measured effect.
/// </summary>
public class RuntimeSettingsTests
{
    [Fact]
    public void The_app_keeps_the_runtimes_tiered_compilation_and_thread_pool_spinning()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DapPanel.App.runtimeconfig.json")));
        var settings = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(settings.TryGetProperty("System.GC.Server", out _), "The runtime settings were not read.");
        Assert.False(settings.TryGetProperty("System.Runtime.TieredCompilation", out _));
        Assert.False(settings.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out _));
    }
}
