using DapPanel.Bench.Live;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

// Live-room latency and memory: hub clients (N = 30, 100, 300) and real browser pages (30).
// --nodes 2: two app processes sharing PostgreSQL and Redis (DAPPANEL_TEST_POSTGRES, DAPPANEL_TEST_REDIS,
// as scripts/with-test-services.sh sets them); hub clients split across the nodes, no browser part.
// --hub-only: skip the browser part on one node too; --browser-only: skip the hub clients;
// --context-per-page: each browser page in a context of its own rather than tabs of one.
// --rounds N: browser rounds (default 40, 5 with --quick); --app-env NAME=VALUE (repeatable): an environment variable
// for the app only, e.g. DOTNET_TieredCompilation=0 to compare a runtime setting in one session.
var quick = args.Contains("--quick");
var appEnvironment = args.Zip(args.Skip(1)).Where(pair => pair.First == "--app-env")
    .Select(pair => pair.Second.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
var nodeCount = args.SkipWhile(a => a != "--nodes").Skip(1).Select(int.Parse).FirstOrDefault(1);
var root = FindRepositoryRoot();
await using var cluster = nodeCount > 1 ? await SharedStores.CreateAsync() : null;
foreach (var (key, value) in cluster?.Environment ?? new Dictionary<string, string>()) appEnvironment[key] = value;
if (appEnvironment.Count > 0) Console.WriteLine($"App environment: {string.Join(", ", appEnvironment.Select(kv => $"{kv.Key}={kv.Value}"))}");
var nodes = new List<AppProcess>();
for (var n = 0; n < nodeCount; n++)
{
    nodes.Add(await AppProcess.StartAsync(root, FreeLoopbackPort(), appEnvironment, publish: n == 0));
    Console.WriteLine($"App node {n + 1} started at {nodes[n].BaseUrl}");
}
var app = nodes[0];

Guid meetingId, itemId, hubItemId, probationId;
await using (var db = cluster?.CreateDbContext() ?? new DapPanelDbContext(new DbContextOptionsBuilder<DapPanelDbContext>()
    .UseSqlite($"Data Source={Path.Combine(app.DataFolder, "dappanel.db")}").Options))
{
    var meeting = await db.Meetings.Include(m => m.AgendaItems).SingleAsync(m => m.Status == MeetingStatus.Circulated);
    meetingId = meeting.Id;
    var ordered = meeting.AgendaItems.OrderBy(i => i.Order).ToList();
    itemId = ordered[0].Id; // the item the browser pages show
    hubItemId = ordered[1].Id; // hub rounds add their levers elsewhere so the pages stay realistic
    probationId = await db.Agencies.Where(a => a.Kind == AgencyKind.Probation).Select(a => a.Id).SingleAsync();
}

// The first node made the demo's password random and printed it (a training site: the demo runs in Production only so).
var demoPassword = nodes[0].DemoPassword ?? throw new InvalidOperationException("The app printed no demo password.");
var chair = await SignIn.AsAsync(app.BaseUrl, "chair@dappanel.example", demoPassword);
var probation = await SignIn.AsAsync(app.BaseUrl, "probation@dappanel.example", demoPassword);
var idva = await SignIn.AsAsync(app.BaseUrl, "idva@dappanel.example", demoPassword);
await using (var chairConnection = new HubConnectionBuilder()
    .WithUrl(app.BaseUrl + "/hubs/meeting", o => o.Cookies = chair).Build())
{
    await chairConnection.StartAsync();
    await chairConnection.InvokeAsync<long>("StartMeeting", Guid.NewGuid(), meetingId);
}

if (args.Contains("--memory"))
{
    var render = new BrowserRender(app, meetingId, itemId, probationId, probation, args);
    var plain = await render.MemoryPerCircuitAsync("/meetings", "table", 30, "idva@dappanel.example", demoPassword);
    var room = await render.MemoryPerCircuitAsync($"/meetings/{meetingId}/live", "[data-testid=levers]", 30, "idva@dappanel.example", demoPassword);
    Console.WriteLine($"Per circuit: meetings list {plain / 1024:0.0} KB, live room {room / 1024:0.0} KB");
    foreach (var node in nodes) await node.DisposeAsync();
    return;
}

var rows = new List<string>();
var hub = new HubLatency(nodes, meetingId, hubItemId, probationId, probation, idva);
foreach (var clients in args.Contains("--browser-only") ? Array.Empty<int>() : [30, 100, 300])
{
    var iterations = quick ? 20 : clients switch { 30 => 300, 100 => 120, _ => 50 };
    var result = await hub.RunAsync(clients, iterations, warmup: 10);
    var what = nodeCount > 1 ? $"Hub, {nodeCount} nodes + Redis: lever added → received at every other client" : "Hub: lever added → received at every other client";
    rows.Add(Stats.Row(what, clients.ToString(), result.LatenciesMs));
    Console.WriteLine(rows[^1] + $" memory {result.BytesPerClient / 1024:0.0} KB per connected client");
}

if (nodeCount == 1 && !args.Contains("--hub-only"))
{
    // --pages 1 shows one page's own work per change, with no other page competing for the cores.
    var pages = args.SkipWhile(a => a != "--pages").Skip(1).Select(int.Parse).FirstOrDefault(30);
    var browser = await new BrowserRender(app, meetingId, itemId, probationId, probation, args)
        .RunAsync(pages, iterations: args.SkipWhile(a => a != "--rounds").Skip(1).Select(int.Parse).FirstOrDefault(quick ? 5 : 40),
            "idva@dappanel.example", demoPassword); // 30 pages: 1,200 stamps
    rows.Add(Stats.Row("Browser: lever added → levers panel changed in every page", $"{pages} pages", browser.LatenciesMs));
    Console.WriteLine(rows[^1]);
    Console.WriteLine($"Server memory per live-room circuit: {browser.BytesPerCircuit / 1024:0.0} KB managed heap (after full GC); " +
        $"process working set {browser.WorkingSetBytes / (1024 * 1024)} MB with {pages} pages open");
    Console.WriteLine($"CPU per change ({pages} pages), from the command until the stamps are read: {browser.CpuPerChange}");
}
foreach (var node in nodes) await node.DisposeAsync();

Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Machine.Model()}");
Console.WriteLine("| What | N | Samples | p50 | p95 | p99 |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var row in rows) Console.WriteLine(row);

static int FreeLoopbackPort()
{
    var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

static string FindRepositoryRoot()
{
    var folder = new DirectoryInfo(AppContext.BaseDirectory);
    while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DapPanel.sln"))) folder = folder.Parent;
    return folder?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
}

