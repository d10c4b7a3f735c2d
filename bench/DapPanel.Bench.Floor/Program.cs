using DapPanel.Bench.Floor;
using DapPanel.Bench.Floor.Components;
using DapPanel.Bench.Live;
using Microsoft.Playwright;

// The framework's floor on this machine, with the live-room benchmark's own browser harness: a bare Blazor Server
// page that counts changes from a singleton notifier, in 30 headless chromium pages; change → DOM changed in each.
var pages = args.Select(a => int.TryParse(a, out var n) ? n : 0).FirstOrDefault(n => n > 0, 30);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    // Development serves the framework's script from the build output, as `dotnet run` does.
    EnvironmentName = Environments.Development, ApplicationName = typeof(Notifier).Assembly.GetName().Name,
});
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Services.AddSingleton<Notifier>();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
await app.StartAsync();
var baseUrl = app.Urls.First();
var notifier = app.Services.GetRequiredService<Notifier>();

using var playwright = await Playwright.CreateAsync();
await using var browser = await HeadlessChromium.LaunchAsync(playwright);
var open = new List<IPage>();
var tabs = HeadlessChromium.Tabs.For(browser, args);
Console.WriteLine($"{pages} pages in {tabs.Harness}");
for (var i = 0; i < pages; i++)
{
    var page = await tabs.OpenAsync();
    await page.GotoAsync(baseUrl);
    await page.WaitForSelectorAsync("#changes[data-interactive=true]");
    open.Add(page);
}
await HeadlessChromium.SettleAsync(pages);
var idleChromium = CpuTime.OfChromium();
await Task.Delay(3000);
Console.WriteLine($"CPU per second with nothing changing: chromium {(CpuTime.OfChromium() - idleChromium).TotalMilliseconds / 3:0} ms");

var observe = HeadlessChromium.ObserveChanges("#changes");
var latencies = new List<double>();
var arrivals = new List<double>();
const int Rounds = 40, Warmup = 2; // 1,200 stamps with 30 pages: 1,000 or more where cheap
TimeSpan browserCpu = default, machineCpu = default;
var mainThread = await HeadlessChromium.MainThread.WatchAsync(open[^1]);
Dictionary<string, double> mainThreadBefore = [];
for (var round = 0; round < Rounds + Warmup; round++)
{
    if (round == Warmup) mainThreadBefore = await mainThread.ReadAsync();
    foreach (var page in open) await page.EvaluateAsync(observe);
    var (chromiumFrom, machineFrom) = (CpuTime.OfChromium(), CpuTime.OfMachine());
    var sentAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    notifier.Publish();
    await Task.Delay(1500);
    if (round >= Warmup) (browserCpu, machineCpu) = (browserCpu + CpuTime.OfChromium() - chromiumFrom, machineCpu + CpuTime.OfMachine() - machineFrom);
    foreach (var page in open)
    {
        if (round < Warmup || await HeadlessChromium.FirstChangeAfterAsync(page, sentAt) is not { } latency) continue;
        latencies.Add(latency);
        if (await HeadlessChromium.FirstMessageAfterAsync(page, sentAt) is { } arrival) arrivals.Add(arrival);
    }
}
if (HeadlessChromium.TracePath(args) is { } tracePath)
    await HeadlessChromium.TraceAsync(open[^1], tracePath, "change", _ => { notifier.Publish(); return Task.CompletedTask; });
Console.WriteLine("One page's main thread per change (incl. reading stamps): " +
    HeadlessChromium.MainThread.PerChange(mainThreadBefore, await mainThread.ReadAsync(), Rounds));
Console.WriteLine($"Until the page's first message after the change: {Stats.Summary(arrivals)}");
var row = Stats.Row("Bare Blazor Server page: change → DOM changed in every page (framework floor)", $"{pages} pages", latencies);
Console.WriteLine($"CPU per change ({pages} pages), from the change until the stamps are read: chromium {(browserCpu / Rounds).TotalMilliseconds:0} ms, " +
    $"whole machine {(machineCpu / Rounds).TotalMilliseconds:0} ms");
Console.WriteLine(row);
await app.StopAsync();
