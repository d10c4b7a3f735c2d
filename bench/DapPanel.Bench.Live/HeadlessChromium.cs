using Microsoft.Playwright;

namespace DapPanel.Bench.Live;

/// <summary>The browser harness both browser benchmarks share, so the live room and the framework floor compare.</summary>
static class HeadlessChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium", Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    });

    /// <summary>
    /// Opens the pages a benchmark watches: by default as tabs of one browser profile (one context), the way the
    /// framework floor in BENCHMARKS.md was measured; with --context-per-page each page gets a profile of its own,
    /// which costs chromium itself about half as much again per change on this machine.
    /// </summary>
    public sealed class Tabs(IBrowser browser, string? storageState, bool contextPerPage)
    {
        IBrowserContext? profile;

        public static Tabs For(IBrowser browser, string[] args, string? storageState = null) =>
            new(browser, storageState, args.Contains("--context-per-page"));

        public string Harness => contextPerPage ? "a browser context per page" : "one browser context";

        public async Task<IPage> OpenAsync()
        {
            var options = new BrowserNewContextOptions { StorageState = storageState };
            var context = contextPerPage ? await NewContextAsync(options) : profile ??= await NewContextAsync(options);
            return await context.NewPageAsync();
        }

        async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
        {
            var context = await browser.NewContextAsync(options);
            await context.AddInitScriptAsync(StampSocketMessages);
            return context;
        }
    }

    /// <summary>
    /// Script that clears the page's change stamps and, once per page, installs a MutationObserver that stamps
    /// (with the machine's clock) every change under the element the selector names.
    /// </summary>
    public static string ObserveChanges(string selector) => $$"""
        () => {
          window.__changes = [];
          if (window.__observing) return;
          window.__observing = true;
          new MutationObserver(() => window.__changes.push(Date.now()))
            .observe(document.querySelector('{{selector}}'), { childList: true, subtree: true, characterData: true });
        }
        """;

    /// <summary>
    /// Stamps every message the page's WebSockets receive (the circuit's render batches among them), to split
    /// command → DOM changed into the part before the batch reaches the page and the part inside it.
    /// </summary>
    const string StampSocketMessages = """
        (() => {
          window.__messages = [];
          const Native = window.WebSocket;
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              this.addEventListener('message', () => window.__messages.push(Date.now()));
            }
          };
        })();
        """;

    /// <summary>Milliseconds from the send until the page's first socket message after it; null if none came.</summary>
    public static async Task<double?> FirstMessageAfterAsync(IPage page, long sentAt)
    {
        var stamps = await page.EvaluateAsync<long[]>("() => window.__messages ?? []");
        var first = stamps.Where(s => s >= sentAt).DefaultIfEmpty(-1).Min();
        return first >= 0 ? first - sentAt : null;
    }

    /// <summary>Milliseconds from the send until the page's first change after it; null if it has not changed.</summary>
    public static async Task<double?> FirstChangeAfterAsync(IPage page, long sentAt)
    {
        var stamps = await page.EvaluateAsync<long[]>("() => window.__changes");
        var first = stamps.Where(s => s >= sentAt).DefaultIfEmpty(-1).Min();
        return first >= 0 ? first - sentAt : null;
    }

    /// <summary>
    /// One page's main-thread time in chromium (task, script, style, layout), read through the DevTools protocol:
    /// read it before and after the measured rounds to see where a change costs each browser its time.
    /// </summary>
    public sealed class MainThread(ICDPSession session)
    {
        static readonly string[] Parts = ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration"];

        public static async Task<MainThread> WatchAsync(IPage page)
        {
            var session = await page.Context.NewCDPSessionAsync(page);
            await session.SendAsync("Performance.enable");
            return new MainThread(session);
        }

        public async Task<Dictionary<string, double>> ReadAsync()
        {
            var answer = await session.SendAsync("Performance.getMetrics");
            return answer!.Value.GetProperty("metrics").EnumerateArray()
                .Where(m => Parts.Contains(m.GetProperty("name").GetString()))
                .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
        }

        /// <summary>Milliseconds per change of each part between two readings.</summary>
        public static string PerChange(Dictionary<string, double> before, Dictionary<string, double> after, int changes) =>
            string.Join(", ", Parts.Select(part =>
                $"{part.Replace("Duration", "")} {(after.GetValueOrDefault(part) - before.GetValueOrDefault(part)) * 1000 / changes:0.0} ms"));
    }
}
