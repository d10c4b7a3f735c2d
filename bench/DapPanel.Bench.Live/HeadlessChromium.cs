using System.Text.Json;
using Microsoft.Playwright;

namespace DapPanel.Bench.Live;

/// <summary>The browser harness both browser benchmarks share, so the live room and the framework floor compare.</summary>
static class HeadlessChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath(), Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
    });

    /// <summary>Debian's chromium, as the tests find it: <c>CHROMIUM</c>, else <c>chromium</c> on the PATH.</summary>
    static string ChromiumPath() =>
        Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "chromium")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("chromium was not found: set CHROMIUM to its path or put Debian's chromium on the PATH.");

    /// <summary>
    /// Opens the pages a benchmark watches: by default as tabs of one browser profile (one context), the way the
    /// framework floor for this kind of machine was measured; with --context-per-page each page gets a profile of its own,
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
    /// Waits, up to a minute, until chromium is quiet: a new browser runs its own housekeeping (profile databases,
    /// metrics) for a while after start, in bursts that would land in the first measured rounds.
    /// </summary>
    public static async Task SettleAsync(int pages)
    {
        var quiet = TimeSpan.FromMilliseconds(20 + 3 * pages); // per second: about what open, idle pages cost
        var waited = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan lastSecond;
        do
        {
            var from = CpuTime.OfChromium();
            await Task.Delay(1000);
            lastSecond = CpuTime.OfChromium() - from;
        } while (lastSecond > quiet && waited.Elapsed < TimeSpan.FromMinutes(1));
        Console.WriteLine($"Chromium settled after {waited.Elapsed.TotalSeconds:0} s ({lastSecond.TotalMilliseconds:0} ms of CPU in the last second)");
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
          window.__messageBytes = 0;
          const Native = window.WebSocket;
          window.WebSocket = class extends Native {
            constructor(...args) {
              super(...args);
              this.addEventListener('message', message => {
                window.__messages.push(Date.now());
                window.__messageBytes += message.data.byteLength ?? message.data.size ?? message.data.length ?? 0;
              });
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

    /// <summary>The FILE of --trace FILE, when a benchmark is asked to trace one page.</summary>
    public static string? TracePath(string[] args) => args.SkipWhile(a => a != "--trace").Skip(1).FirstOrDefault();

    /// <summary>
    /// --trace FILE: a full-page screenshot of one page (FILE.png) and a chromium trace of it (FILE, for
    /// chrome://tracing or Perfetto) through five changes a second apart; prints what a change costs that page
    /// in each process and thread, and in the main steps of chromium's rendering.
    /// </summary>
    public static async Task TraceAsync(IPage page, string path, string what, Func<int, Task> change)
    {
        const int Changes = 5;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path + ".png", FullPage = true });
        var session = await page.Context.NewCDPSessionAsync(page);
        var events = new List<JsonElement>();
        var complete = new TaskCompletionSource();
        session.Event("Tracing.dataCollected").OnEvent += (_, data) =>
        {
            lock (events) events.AddRange(data!.Value.GetProperty("value").EnumerateArray().Select(e => e.Clone()));
        };
        session.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
        await session.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["categories"] = "devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,viz,toplevel,v8.execute",
            ["transferMode"] = "ReportEvents",
        });
        const string ReadSocket = "() => [window.__messages.length, window.__messageBytes]";
        var socketBefore = await page.EvaluateAsync<long[]>(ReadSocket);
        for (var round = 0; round < Changes; round++)
        {
            await change(round);
            await Task.Delay(1000);
        }
        var socketAfter = await page.EvaluateAsync<long[]>(ReadSocket);
        await session.SendAsync("Tracing.end");
        await complete.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { traceEvents = events }));
        Console.WriteLine($"Traced five {what}s in one page: {path} (screenshot {path}.png)");
        Console.WriteLine($"  socket messages received per change: {(socketAfter[0] - socketBefore[0]) / (double)Changes:0.#}, " +
            $"{(socketAfter[1] - socketBefore[1]) / Changes} bytes");
        foreach (var line in TraceSummary(events, Changes)) Console.WriteLine("  " + line);
    }

    static readonly string[] TopLevelTasks = ["ThreadControllerImpl::RunTask", "ThreadPool_RunTask", "TaskGraphRunner::RunTask"];
    static readonly string[] RenderingSteps = ["FunctionCall", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit",
        "RasterTask", "Display::DrawAndSwap"];

    /// <summary>Milliseconds per change by thread (its top-level tasks) and by rendering step.</summary>
    static IEnumerable<string> TraceSummary(List<JsonElement> events, int changes)
    {
        string Name(JsonElement e) => e.GetProperty("name").GetString()!;
        bool Complete(JsonElement e) => e.GetProperty("ph").GetString() == "X" && e.TryGetProperty("dur", out _);
        var metadata = events.Where(e => e.GetProperty("ph").GetString() == "M").ToList();
        var processes = metadata.Where(e => Name(e) == "process_name")
            .GroupBy(e => e.GetProperty("pid").GetInt64()).ToDictionary(g => g.Key, g => g.First().GetProperty("args").GetProperty("name").GetString());
        var threads = metadata.Where(e => Name(e) == "thread_name")
            .GroupBy(e => (e.GetProperty("pid").GetInt64(), e.GetProperty("tid").GetInt64()))
            .ToDictionary(g => g.Key, g => g.First().GetProperty("args").GetProperty("name").GetString());
        var byThread = events.Where(e => Complete(e) && TopLevelTasks.Contains(Name(e)))
            .GroupBy(e => $"{processes.GetValueOrDefault(e.GetProperty("pid").GetInt64())} {threads.GetValueOrDefault((e.GetProperty("pid").GetInt64(), e.GetProperty("tid").GetInt64()))}")
            .Select(g => (g.Key, Ms: g.Sum(e => e.GetProperty("dur").GetDouble()) / 1000 / changes))
            .Where(t => t.Ms >= 0.05).OrderByDescending(t => t.Ms);
        var bySteps = RenderingSteps.Select(step => (step, Ms: events.Where(e => Complete(e) && Name(e) == step)
            .Sum(e => e.GetProperty("dur").GetDouble()) / 1000 / changes));
        yield return "by thread (ms per change): " + string.Join(", ", byThread.Select(t => $"{t.Key} {t.Ms:0.00}"));
        yield return "by step (ms per change): " + string.Join(", ", bySteps.Select(t => $"{t.step} {t.Ms:0.00}"));
    }
}
