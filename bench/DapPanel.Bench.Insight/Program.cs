using DapPanel.Bench.Live;
using System.Diagnostics;
using DapPanel.Bench.Insight;
using DapPanel.Core;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// dotnet run -c Release --project bench/DapPanel.Bench.Insight [-- 1 10] [--keep] [--postgres]
// --keep leaves each generated file in /tmp/dappanel-bench-insight/scale-N and reuses it on the next run.
// --dashboard also opens the insight dashboard in headless chromium on the published app over a copy of each scale's
// SQLite file (--dashboard-only skips the query timings).
// --postgres runs on a fresh PostgreSQL database per scale, on the server named by DAPPANEL_TEST_POSTGRES
// (scripts/with-test-services.sh starts one on loopback and sets it).
var keep = args.Contains("--keep");
var postgres = args.Contains("--postgres");
var dashboardOnly = args.Contains("--dashboard-only");
var dashboard = dashboardOnly || args.Contains("--dashboard");
var scaleArguments = args.Where(a => !a.StartsWith("--")).Select(int.Parse).ToArray();
var scales = scaleArguments.Length == 0 ? [1, 10] : scaleArguments;
var manager = new Actor("bench", Guid.NewGuid(), Guid.NewGuid(), "Benchmark manager", new HashSet<Role> { Role.Manager });
var today = DateOnly.FromDateTime(DateTime.UtcNow);

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Machine.Model()}, .NET {Environment.Version}");
Console.WriteLine();
Console.WriteLine("| Query | Volume | Runs | p50 ms | p95 ms | max ms | Target |");
Console.WriteLine("|---|---|---|---|---|---|---|");

foreach (var scale in scales)
{
    var folder = Path.Combine(Path.GetTempPath(), "dappanel-bench-insight", keep ? $"scale-{scale}" : Guid.NewGuid().ToString("N"));
    var reuse = keep && !postgres && File.Exists(Path.Combine(folder, "generated"));
    await using var server = postgres ? await PostgresServer.CreateDatabaseAsync($"dappanel_bench_{scale}x_{Guid.NewGuid():N}") : null;
    var database = server is null ? new DatabaseSettings()
        : new DatabaseSettings { Provider = DatabaseProvider.Postgres, ConnectionString = server.ConnectionString };
    var services = new ServiceCollection().AddDapPanelCore(new StorageSettings { DataFolder = folder }, database).BuildServiceProvider();
    Directory.CreateDirectory(folder);
    var dbFactory = services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
    await using (var db = await dbFactory.CreateDbContextAsync()) await db.Database.MigrateAsync();

    var generate = Stopwatch.StartNew();
    var generator = new Generator(dbFactory, scale);
    if (reuse) await generator.LoadAsync();
    else
    {
        await generator.GenerateAsync(today);
        await File.WriteAllTextAsync(Path.Combine(folder, "generated"), today.ToString("O"));
    }
    var size = server is null ? $"{new FileInfo(Path.Combine(folder, "dappanel.db")).Length / 1_048_576} MB" : "PostgreSQL";
    Console.Error.WriteLine($"{scale}×: generated {generator.Rows:N0} rows in {generate.Elapsed.TotalSeconds:0} s ({size})");

    var insight = services.GetRequiredService<IInsightQueries>();
    var panel = generator.PanelIds[1];
    var fiveYears = new InsightPeriod(panel, today.AddYears(-5), today);
    var oneYear = new InsightPeriod(panel, today.AddYears(-1), today);
    var (warmUp, runs, target) = scale == 1 ? (5, 40, 50) : (3, 15, 200);
    var volume = $"{scale}× ({generator.Rows / 1000:N0}k rows){(postgres ? ", PostgreSQL" : ", SQLite")}";

    if (!dashboardOnly)
    {
        await Time("Attendance by agency and month, 5 years", () => insight.AttendanceAsync(manager, fiveYears));
        await Time("Attendance by agency and month, 1 year", () => insight.AttendanceAsync(manager, oneYear));
        await Time("Throughput (cases, outcomes, levers, interventions, actions, closures), 5 years", () => insight.ThroughputAsync(manager, fiveYears));
        await Time("Throughput, 1 year", () => insight.ThroughputAsync(manager, oneYear));
        // The same figures counted from the rows alone, as before the monthly counts: a before/after under the same load.
        var live = (InsightQueries)insight;
        await Time("Throughput, 5 years, counted from the rows (no monthly counts)", () => live.LiveThroughputAsync(fiveYears));
    }

    async Task Time<T>(string name, Func<Task<T>> query)
    {
        for (var i = 0; i < warmUp; i++) await query();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"| {name} | {volume} | {runs} | {NearestRank(times, 0.5):0.0} | {NearestRank(times, 0.95):0.0} | {times[^1]:0.0} | ≤ {target} ms p95 |");
    }

    await services.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (dashboard && server is null)
    {
        // The page opens on the last 12 months of the first panel by name, a generated one.
        var visits = await Dashboard.MeasureAsync(Path.Combine(folder, "dappanel.db"), warmUp: 3, loads: 20);
        void Report(string name, IEnumerable<double> milliseconds, string target)
        {
            var times = milliseconds.Order().ToList();
            Console.WriteLine($"| {name} | {volume} | {times.Count} | {NearestRank(times, 0.5):0} | {NearestRank(times, 0.95):0} | {times[^1]:0} | {target} |");
        }
        foreach (var (visit, loads) in new[] { ("first visit, nothing cached", visits.First), ("reloaded in an open tab", visits.Returning),
                     ("new tab, browser used for DapPanel before", visits.NewTab) })
        {
            Report($"Dashboard, last 12 months ({visit}): navigation start → interactive with its figures shown",
                loads.Select(l => l.InteractiveMs), "≤ 1000 ms");
            Report("… as the benchmark noticed it through Playwright", loads.Select(l => l.NoticedMs), "");
            Report("… of which first byte of the prerendered page", loads.Select(l => l.FirstByteMs), "");
            Report("… of which DOM content loaded", loads.Select(l => l.ContentLoadedMs), "");
        }
        Report("Dashboard, last 12 months (signed in with a fresh profile, then Insight in the menu): click → figures shown",
            visits.FromMenu, "≤ 1000 ms");
        Report("Blank page, fresh profile (chromium alone): navigation start → DOM content loaded",
            visits.BlankPage.Select(l => l.ContentLoadedMs), "");
        Report("The app's smallest file (menu.js) in a new tab of the same profile (chromium's share of a new tab): navigation start → DOM content loaded",
            visits.SmallFileNewTab.Select(l => l.ContentLoadedMs), "");
    }
    if (!keep) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
}

/// <summary>The sample at or above the given share of a sorted list (the figures in docs/performance.md use this).</summary>
static double NearestRank(List<double> sorted, double share) => sorted[(int)Math.Ceiling(share * sorted.Count) - 1];

