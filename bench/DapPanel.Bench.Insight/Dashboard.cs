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
    static string demoPassword = "";

    /// <param name="InteractiveMs">When the page stamped itself interactive with the figures shown (the frame after).</param>
    /// <param name="NoticedMs">When the benchmark, through Playwright, had seen both: the stamp plus the harness's own delay.</param>
    public sealed record Load(double FirstByteMs, double ContentLoadedMs, double InteractiveMs, double NoticedMs);

    /// <summary>
    /// Runs in every page before its own scripts: stamps (performance.now) the first frame after the page became
    /// interactive with the throughput figures on it. Reading the clock when Playwright has noticed instead adds
    /// its round trips, which on two busy cores are tens of milliseconds. window.__stampFiguresShown re-arms it.
    /// </summary>
    const string StampFiguresShown = """
        (() => {
          const shown = () => document.querySelector('#circuit-state[data-interactive=true]')
            && document.querySelector('[data-testid=insight-throughput]');
          window.__stampFiguresShown = () => {
            window.__figuresShownAt = undefined;
            const observer = new MutationObserver(() => {
              if (!shown()) return;
              observer.disconnect();
              // After the frame that paints the change: a message posted from the frame's callback runs after it.
              requestAnimationFrame(() => {
                const channel = new MessageChannel();
                channel.port1.onmessage = () => { window.__figuresShownAt = performance.now(); };
                channel.port2.postMessage(null);
              });
            });
            observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-interactive'] });
          };
          window.__stampFiguresShown();
        })();
        """;

    static async Task<IBrowserContext> NewContextAsync(IBrowser browser, string? state)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = state });
        await context.AddInitScriptAsync(StampFiguresShown);
        return context;
    }

    /// <summary>
    /// <paramref name="NewTab"/>: a new tab of a browser profile that has used DapPanel before (its cache warm).
    /// <paramref name="FromMenu"/>: milliseconds from a click on Insight in the menu, just after signing in with a fresh
    /// profile, until the figures show. <paramref name="BlankPage"/>: a blank page opened in a fresh profile, what
    /// chromium alone needs here before any site's page shows. <paramref name="SmallFileNewTab"/>: the app's smallest
    /// file (a 200-byte script, shown as text) in a new tab of the same profile as <paramref name="NewTab"/>: chromium's
    /// own share of a new tab with a document from this server, before any of the dashboard's work.
    /// </summary>
    public sealed record Visits(List<Load> First, List<Load> Returning, List<Load> NewTab, List<double> FromMenu, List<Load> BlankPage,
        List<Load> SmallFileNewTab);

    public static async Task<Visits> MeasureAsync(string generatedDatabase, int warmUp, int loads)
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
            // The app runs the demo as a training site: its sign-ins get a random password, printed once.
            demoPassword = app.DemoPassword ?? throw new InvalidOperationException("The app printed no demo password.");
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await HeadlessChromium.LaunchAsync(playwright);
            var state = await SignInAsync(browser, app.BaseUrl);
            // First visits: a fresh browser context each time, so nothing comes from the browser's cache.
            var firstVisits = await TimesAsync(warmUp, loads, () => InFreshProfileAsync(browser, state, page => OpenAsync(page, app.BaseUrl)));
            // A manager who works in DapPanel: the dashboard loaded afresh in a tab already open on the app, and in a new
            // tab of that browser (a new renderer process: styles parsed and scripts started again, cache warm).
            var tab = await (await NewContextAsync(browser, state)).NewPageAsync();
            var returning = await TimesAsync(warmUp, loads, () => OpenAsync(tab, app.BaseUrl));
            var newTabs = await TimesAsync(warmUp, loads, () => InNewTabAsync(tab.Context, page => OpenAsync(page, app.BaseUrl)));
            var smallFileNewTabs = await TimesAsync(warmUp, loads, () => InNewTabAsync(tab.Context, page => OpenSmallFileAsync(page, app.BaseUrl)));
            var fromMenu = await TimesAsync(warmUp, loads, () => InFreshProfileAsync(browser, null, page => SignInAndOpenFromMenuAsync(page, app.BaseUrl)));
            var blank = await TimesAsync(warmUp, loads, () => InFreshProfileAsync(browser, null, page => OpenBlankAsync(page, app.BaseUrl)));
            return new Visits(firstVisits, returning, newTabs, fromMenu, blank, smallFileNewTabs);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Measures warm-up + loads times and keeps the last loads.</summary>
    static async Task<List<T>> TimesAsync<T>(int warmUp, int loads, Func<Task<T>> measure)
    {
        var kept = new List<T>();
        for (var i = 0; i < warmUp + loads; i++)
        {
            var result = await measure();
            if (i >= warmUp) kept.Add(result);
        }
        return kept;
    }

    /// <summary>A page in a browser profile of its own (signed in when given a sign-in state), closed afterwards.</summary>
    static async Task<T> InFreshProfileAsync<T>(IBrowser browser, string? state, Func<IPage, Task<T>> measure)
    {
        var context = await NewContextAsync(browser, state);
        try { return await measure(await context.NewPageAsync()); }
        finally { await context.CloseAsync(); }
    }

    static async Task<T> InNewTabAsync<T>(IBrowserContext profile, Func<IPage, Task<T>> measure)
    {
        var page = await profile.NewPageAsync();
        try { return await measure(page); }
        finally { await page.CloseAsync(); }
    }

    static async Task<Load> OpenAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/insight", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new PageWaitForSelectorOptions
            { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.WaitForSelectorAsync("[data-testid=insight-throughput]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        // Both conditions hold: the page's own clock, from navigation start.
        var noticed = await page.EvaluateAsync<double>("() => performance.now()");
        await page.WaitForFunctionAsync("() => window.__figuresShownAt !== undefined");
        var elapsed = await page.EvaluateAsync<double[]>("""
            () => { const n = performance.getEntriesByType('navigation')[0];
                    return [n.responseStart, n.domContentLoadedEventEnd, window.__figuresShownAt]; }
            """);
        return new Load(elapsed[0], elapsed[1], elapsed[2], noticed);
    }

    /// <summary>A manager's usual way in: sign in (a fresh profile), then Insight in the menu; click until figures show.</summary>
    static async Task<double> SignInAndOpenFromMenuAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#email", "manager@dappanel.example");
        await page.FillAsync("#password", demoPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + "/");
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new PageWaitForSelectorOptions
            { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.EvaluateAsync("() => { window.__stampFiguresShown(); window.__clickedAt = performance.now(); }");
        await page.ClickAsync("nav a[href='/insight']");
        await page.WaitForSelectorAsync("[data-testid=insight-throughput]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await page.WaitForFunctionAsync("() => window.__figuresShownAt !== undefined");
        return await page.EvaluateAsync<double>("() => window.__figuresShownAt - window.__clickedAt");
    }

    /// <summary>A blank page (served by the browser harness itself) opened in a fresh profile.</summary>
    static async Task<Load> OpenBlankAsync(IPage page, string baseUrl)
    {
        await page.RouteAsync(baseUrl + "/blank", route => route.FulfillAsync(new RouteFulfillOptions
            { ContentType = "text/html", Body = "<!DOCTYPE html><html lang=\"en\"><title>Blank</title><p>Blank</p></html>" }));
        await page.GotoAsync(baseUrl + "/blank");
        var elapsed = await page.EvaluateAsync<double[]>("""
            () => { const n = performance.getEntriesByType('navigation')[0];
                    return [n.responseStart, n.domContentLoadedEventEnd, performance.now()]; }
            """);
        return new Load(elapsed[0], elapsed[1], elapsed[2], elapsed[2]);
    }

    /// <summary>The app's smallest file, menu.js, opened as a document (chromium shows it as text).</summary>
    static async Task<Load> OpenSmallFileAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/menu.js");
        var elapsed = await page.EvaluateAsync<double[]>("""
            () => { const n = performance.getEntriesByType('navigation')[0];
                    return [n.responseStart, n.domContentLoadedEventEnd, performance.now()]; }
            """);
        return new Load(elapsed[0], elapsed[1], elapsed[2], elapsed[2]);
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
        await page.FillAsync("#password", demoPassword);
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
