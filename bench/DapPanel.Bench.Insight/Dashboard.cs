using DapPanel.Bench.Live;
using DapPanel.Core;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DapPanel.Bench.Insight;

/// <summary>
/// The insight dashboard as a manager opens it in headless chromium, on the published app running over a copy of a
/// generated database: navigation start until the page is interactive and the dashboard's figures are shown.
/// </summary>
static class Dashboard
{
    public sealed record Load(double FirstByteMs, double ContentLoadedMs, double InteractiveMs);

    public static async Task<List<Load>> MeasureAsync(string generatedDatabase, int warmUp, int loads)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "dappanel-bench-insight", "dashboard-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        try
        {
            File.Copy(generatedDatabase, Path.Combine(dataFolder, "dappanel.db"));
            await AddDemoSignInsAsync(dataFolder);
            await using var app = await AppProcess.StartAsync(RepositoryRoot(), 5391,
                new Dictionary<string, string>
                {
                    ["Storage__DataFolder"] = dataFolder,
                    // A warning's exception on the same line, so the benchmark shows it whole.
                    ["Logging__Console__FormatterOptions__SingleLine"] = "true",
                });
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = "/usr/bin/chromium", Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"],
            });
            var state = await SignInAsync(browser, app.BaseUrl);
            var times = new List<Load>();
            for (var i = 0; i < warmUp + loads; i++)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = state });
                var page = await context.NewPageAsync();
                await page.GotoAsync(app.BaseUrl + "/insight", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
                await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new PageWaitForSelectorOptions
                    { State = WaitForSelectorState.Attached, Timeout = 60_000 });
                await page.WaitForSelectorAsync("[data-testid=insight-throughput]", new PageWaitForSelectorOptions { Timeout = 60_000 });
                // Both conditions hold: the page's own clock, from navigation start.
                var elapsed = await page.EvaluateAsync<double[]>("""
                    () => { const n = performance.getEntriesByType('navigation')[0];
                            return [n.responseStart, n.domContentLoadedEventEnd, performance.now()]; }
                    """);
                if (i >= warmUp) times.Add(new Load(elapsed[0], elapsed[1], elapsed[2]));
                await context.CloseAsync();
            }
            return times;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The generated panels have no sign-ins: the demo panel's people, the manager among them, are added.</summary>
    static async Task AddDemoSignInsAsync(string dataFolder)
    {
        var services = new ServiceCollection().AddLogging().AddDapPanelCore(new StorageSettings { DataFolder = dataFolder }, new DatabaseSettings());
        services.AddIdentityCore<DapPanelUser>().AddRoles<Microsoft.AspNetCore.Identity.IdentityRole>()
            .AddEntityFrameworkStores<DapPanelDbContext>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DapPanelDbContext>>().CreateDbContext());
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoPanel>().SeedAsync();
    }

    static async Task<string> SignInAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#email", "manager@dappanel.example");
        await page.FillAsync("#password", DemoLogins.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/");
        var state = await context.StorageStateAsync();
        await context.CloseAsync();
        return state;
    }

    static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DapPanel.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
