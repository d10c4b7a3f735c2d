using System.Text.Json;

namespace DapPanel.Tests.Hosting;

/// <summary>
/// How the app's runtime is set to share a small host with a live meeting (docs/deployment.md): methods compiled once
/// (no background re-compilation), and idle thread-pool workers that wait without spinning.
/// </summary>
public class RuntimeSettingsTests
{
    static JsonElement AppRuntimeSettings()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "DapPanel.App.runtimeconfig.json")));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_app_compiles_each_method_once()
    {
        Assert.False(AppRuntimeSettings().GetProperty("System.Runtime.TieredCompilation").GetBoolean());
    }

    [Fact]
    public void The_apps_idle_thread_pool_workers_do_not_spin()
    {
        Assert.Equal(0, AppRuntimeSettings().GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }
}
