using System.Net;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace DapPanel.Bench.Live;

/// <summary>
/// Real live-room pages in headless chromium; a MutationObserver in each stamps when the levers panel
/// changes, so the browser's clock and this process's clock (the same machine's) give command → render.
/// </summary>
sealed class BrowserRender(AppProcess app, Guid meetingId, Guid itemId, Guid probationAgencyId, CookieContainer sender, string[] args)
{
    /// <param name="CpuPerChange">From the command until the stamps are read back (reading them not included).</param>
    public sealed record Result(int Pages, List<double> LatenciesMs, double BytesPerCircuit, long WorkingSetBytes, CpuTime.Split CpuPerChange);

    static readonly string Observe = HeadlessChromium.ObserveChanges("[data-testid=levers]");

    /// <summary>Server memory per circuit for any page, to compare the live room with a plain page.</summary>
    public async Task<double> MemoryPerCircuitAsync(string path, string waitFor, int pages, string email, string password)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var state = await SignInStateAsync(browser, email, password);
        if (path.EndsWith("/live")) await AcknowledgeConfidentialityAsync(browser, state);
        var before = await app.MemoryAsync();
        var tabs = HeadlessChromium.Tabs.For(browser, args, state);
        for (var i = 0; i < pages; i++)
        {
            var page = await tabs.OpenAsync();
            await page.GotoAsync(app.BaseUrl + path);
            await page.WaitForSelectorAsync(waitFor);
        }
        await Task.Delay(2000);
        var after = await app.MemoryAsync();
        return (after.ManagedBytes - before.ManagedBytes) / (double)pages;
    }

    static Task<IBrowser> LaunchAsync(IPlaywright playwright) => HeadlessChromium.LaunchAsync(playwright);

    async Task<string> SignInStateAsync(IBrowser browser, string email, string password)
    {
        var signInContext = await browser.NewContextAsync();
        var signInPage = await signInContext.NewPageAsync();
        await signInPage.GotoAsync(app.BaseUrl + "/account/login");
        await signInPage.FillAsync("#email", email);
        await signInPage.FillAsync("#password", password);
        await signInPage.ClickAsync("button[type=submit]");
        await signInPage.WaitForURLAsync(app.BaseUrl + "/");
        var state = await signInContext.StorageStateAsync();
        await signInContext.CloseAsync();
        return state;
    }

    /// <summary>The confidentiality statement is acknowledged once per person and meeting, before the room opens.</summary>
    async Task AcknowledgeConfidentialityAsync(IBrowser browser, string state)
    {
        var acknowledging = await (await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = state })).NewPageAsync();
        await acknowledging.GotoAsync($"{app.BaseUrl}/meetings/{meetingId}/live");
        await acknowledging.WaitForSelectorAsync("[data-testid=confidentiality][data-interactive=true], [data-testid=levers]");
        if (await acknowledging.GetByTestId("acknowledge").IsVisibleAsync()) await acknowledging.GetByTestId("acknowledge").ClickAsync();
        await acknowledging.WaitForSelectorAsync("[data-testid=levers]");
        await acknowledging.Context.CloseAsync();
    }

    public async Task<Result> RunAsync(int pages, int iterations, string email, string password)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);
        var state = await SignInStateAsync(browser, email, password);

        await AcknowledgeConfidentialityAsync(browser, state);

        var before = await app.MemoryAsync();
        var open = new List<IPage>();
        var tabs = HeadlessChromium.Tabs.For(browser, args, state);
        Console.WriteLine($"{pages} live-room pages in {tabs.Harness}");
        for (var i = 0; i < pages; i++)
        {
            var page = await tabs.OpenAsync();
            await page.GotoAsync($"{app.BaseUrl}/meetings/{meetingId}/live");
            await page.WaitForSelectorAsync("[data-testid=levers]");
            open.Add(page);
        }
        await HeadlessChromium.SettleAsync(pages);
        var after = await app.MemoryAsync();

        await using var acting = new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + "/hubs/meeting", options => options.Cookies = sender).Build();
        await acting.StartAsync();
        await acting.InvokeAsync("AcknowledgeConfidentiality", meetingId);
        await acting.InvokeAsync<LiveMeetingView>("JoinMeeting", meetingId);

        // What the open pages cost with nothing happening (timers, animations), to set against a change's cost.
        var mainThread = await HeadlessChromium.MainThread.WatchAsync(open[^1]);
        var idleMainThread = await mainThread.ReadAsync();
        var idleFrom = CpuTime.Split.Now(app.ProcessId);
        await Task.Delay(3000);
        Console.WriteLine("One page's main thread per second with nothing changing: " +
            HeadlessChromium.MainThread.PerChange(idleMainThread, await mainThread.ReadAsync(), 3));
        Console.WriteLine($"CPU per second with nothing changing: {(CpuTime.Split.Now(app.ProcessId) - idleFrom).Per(3)}");

        var latencies = new List<double>();
        var arrivals = new List<double>();
        var slowest = new List<double>();
        CpuTime.Split cpu = default;
        Dictionary<string, double> mainThreadBefore = [];
        for (var round = 0; round < iterations + 2; round++)
        {
            if (round == 2) mainThreadBefore = await mainThread.ReadAsync();
            foreach (var page in open) await page.EvaluateAsync(Observe);
            var cpuFrom = CpuTime.Split.Now(app.ProcessId);
            var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await acting.InvokeAsync<long>("AddLever", Guid.NewGuid(), meetingId, itemId,
                new LeverInput(probationAgencyId, LeverFamily.Support, LeverArea.Housing, $"Rendered lever {round}"));
            await Task.Delay(1500);
            if (round >= 2) cpu += CpuTime.Split.Now(app.ProcessId) - cpuFrom;
            var thisRound = new List<double>();
            foreach (var page in open)
            {
                if (round < 2 || await HeadlessChromium.FirstChangeAfterAsync(page, sentAt) is not { } latency) continue;
                thisRound.Add(latency);
                if (await HeadlessChromium.FirstMessageAfterAsync(page, sentAt) is { } arrival) arrivals.Add(arrival);
            }
            latencies.AddRange(thisRound);
            slowest.Add(thisRound.DefaultIfEmpty().Max());
        }
        if (HeadlessChromium.TracePath(args) is { } tracePath)
            await HeadlessChromium.TraceAsync(open[^1], tracePath, "lever", round => acting.InvokeAsync<long>("AddLever",
                Guid.NewGuid(), meetingId, itemId, new LeverInput(probationAgencyId, LeverFamily.Support, LeverArea.Housing, $"Traced lever {round}")));
        Console.WriteLine("One page's main thread per change (incl. reading stamps): " +
            HeadlessChromium.MainThread.PerChange(mainThreadBefore, await mainThread.ReadAsync(), iterations));
        Console.WriteLine($"Until the page's first message after the command: {Stats.Summary(arrivals)}");
        // One slow round (a collection, another process) moves p95 on its own: show each round's slowest page.
        Console.WriteLine($"Slowest page per round (ms): {string.Join(" ", slowest.Skip(2).Select(ms => ms.ToString("0")))}");
        return new Result(pages, latencies, (after.ManagedBytes - before.ManagedBytes) / (double)pages, after.WorkingSetBytes,
            cpu.Per(iterations));
    }
}
