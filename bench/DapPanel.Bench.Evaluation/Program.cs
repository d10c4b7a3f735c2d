using DapPanel.Bench.Live;
using System.Diagnostics;
using DapPanel.App.Features.Evaluation;
using DapPanel.App.Pdf;
using DapPanel.Bench.Insight;
using DapPanel.Core;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.Evaluation;
using DapPanel.Core.Insight;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// dotnet run -c Release --project bench/DapPanel.Bench.Evaluation [-- --postgres] [--years 5]
// Five years of one panel at the demo's scale (EvaluationHistory: about 85 perpetrators and 530 interventions a year),
// then the whole evaluation for five years and for one (and where its time goes), the PDF report and the workbook. Each
// line gives wall-clock percentiles and this process's CPU time per run (SQLite runs in the process; PostgreSQL's
// server does not count). --postgres runs on a fresh database of
// the server named by DAPPANEL_TEST_POSTGRES (scripts/with-test-services.sh starts one on loopback and sets it).
var postgres = args.Contains("--postgres");
var years = args.SkipWhile(a => a != "--years").Skip(1).Select(int.Parse).DefaultIfEmpty(5).First();
var manager = new Actor("bench", Guid.NewGuid(), Guid.NewGuid(), "Benchmark manager", new HashSet<Role> { Role.Manager });
var today = DateOnly.FromDateTime(DateTime.UtcNow);
PdfFonts.Register(null);

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Machine.Model()}, .NET {Environment.Version}, load average {Machine.LoadAverage()}");
var folder = Path.Combine(Path.GetTempPath(), "dappanel-bench-evaluation", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(folder);
await using var server = postgres ? await PostgresServer.CreateDatabaseAsync($"dappanel_bench_evaluation_{Guid.NewGuid():N}") : null;
var database = server is null ? new DatabaseSettings()
    : new DatabaseSettings { Provider = DatabaseProvider.Postgres, ConnectionString = server.ConnectionString };
var services = new ServiceCollection().AddLogging().AddDapPanelCore(new StorageSettings { DataFolder = folder }, database).BuildServiceProvider();
var dbFactory = services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
await using (var db = await dbFactory.CreateDbContextAsync()) await db.Database.MigrateAsync();

var generate = Stopwatch.StartNew();
var (panel, history) = await GenerateAsync(dbFactory, today, years);
Console.Error.WriteLine($"Generated {years} years: {history.Cases.Count} cases, {history.Updates.Sum(u => u.Interventions.Count)} interventions, "
    + $"{history.Rows:N0} rows in {generate.Elapsed.TotalSeconds:0} s");

var evaluation = services.GetRequiredService<IEvaluationQueries>();
var whole = new InsightPeriod(panel.Id, today.AddYears(-years).AddDays(1), today);
var oneYear = new InsightPeriod(panel.Id, today.AddYears(-1).AddDays(1), today);
var volume = $"{years} years, {history.Cases.Count} cases, {history.Rows / 1000:N0}k rows, {(postgres ? "PostgreSQL" : "SQLite")}";

Console.WriteLine();
Console.WriteLine("| What | Volume | Runs | p50 ms | p95 ms | max ms | CPU ms p50 | Target |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
await Time($"The whole evaluation (15 figures, 21 tables), {years} years", () => evaluation.ReportAsync(manager, whole), "≤ 500 ms");
// Where the time goes: reading the panel's records, working the figures out, and showing them (small-number suppression).
var records = await ReadAsync();
var result = EvaluationCalculator.Calculate(records, whole.From, whole.To);
await Time($"… of which reading the records", ReadAsync, "");
await Time($"… of which working out the figures", () => Task.FromResult(EvaluationCalculator.Calculate(records, whole.From, whole.To)), "");
await Time($"… of which showing them, small numbers suppressed", () => Task.FromResult(result.Figures.Select(f => f.Show(true)).ToList()), "");
await Time("The whole evaluation, last 12 months", () => evaluation.ReportAsync(manager, oneYear), "≤ 500 ms");
await Time($"PDF report, {years} years (figures, then the PDF laid out twice for its contents)", async () =>
    EvaluationReportPdf.Render(await evaluation.ExportAsync(manager, whole, new EvaluationExport(EvaluationExportFormat.Report)), manager.Name), "≤ 1000 ms");
await Time($"… of which the PDF alone", () => Task.FromResult(EvaluationReportPdf.Render(Report!, manager.Name)), "");
await Time($"XLSX workbook, {years} years (figures and workbook)", async () =>
    EvaluationWorkbook.Render(await evaluation.ExportAsync(manager, whole, new EvaluationExport(EvaluationExportFormat.Workbook))), "");

await services.DisposeAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
try { Directory.Delete(folder, recursive: true); } catch (IOException) { }

async Task<EvaluationRecords> ReadAsync()
{
    await using var db = await dbFactory.CreateDbContextAsync();
    return await EvaluationReader.ReadAsync(db, whole, CancellationToken.None);
}

async Task Time<T>(string name, Func<Task<T>> run, string target)
{
    Report ??= await evaluation.ReportAsync(manager, whole);
    const int warmUp = 20, runs = 40;
    for (var i = 0; i < warmUp; i++) await run();
    var times = new List<double>();
    var cpu = new List<double>();
    using var process = Process.GetCurrentProcess();
    for (var i = 0; i < runs; i++)
    {
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await run();
        times.Add(watch.Elapsed.TotalMilliseconds);
        process.Refresh();
        cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }
    times.Sort();
    cpu.Sort();
    Console.WriteLine($"| {name} | {volume} | {runs} | {NearestRank(times, 0.5):0} | {NearestRank(times, 0.95):0} | {times[^1]:0} | {NearestRank(cpu, 0.5):0} | {target} |");
}

static async Task<(Panel Panel, EvaluationHistory History)> GenerateAsync(IDbContextFactory<DapPanelDbContext> dbFactory, DateOnly today, int years)
{
    await using var db = await dbFactory.CreateDbContextAsync();
    var kinds = new[] { AgencyKind.Police, AgencyKind.Probation, AgencyKind.ChildrensSocialCare, AgencyKind.AdultSocialCare, AgencyKind.Housing,
        AgencyKind.MentalHealth, AgencyKind.SubstanceMisuse, AgencyKind.IdvaService, AgencyKind.CaseManagementProvider, AgencyKind.Prison };
    var agencies = kinds.ToDictionary(k => k, k => new Agency { Name = k.Label(), Kind = k });
    db.Agencies.AddRange(agencies.Values);
    var attendees = agencies.Values.ToDictionary(a => a.Id, a => new Person { FullName = $"{a.Name} member", AgencyId = a.Id });
    db.People.AddRange(attendees.Values);
    var caseManagers = Enumerable.Range(1, 4).Select(i => new Person { FullName = $"Case manager {i}", AgencyId = agencies[AgencyKind.CaseManagementProvider].Id }).ToList();
    db.People.AddRange(caseManagers);
    var panel = new Panel { Name = "Benchmark DAPP", Area = "Benchmark borough" };
    panel.Members.AddRange(agencies.Values.Select(a => new PanelMembership { AgencyId = a.Id, JoinedOn = today.AddYears(-years - 1) }));
    db.Panels.Add(panel);
    foreach (var (group, percent) in new[] { (EthnicGroup.Asian, 17.5m), (EthnicGroup.Black, 22.6m), (EthnicGroup.Mixed, 7.6m), (EthnicGroup.White, 48.4m), (EthnicGroup.Other, 3.9m) })
        db.AreaPopulationShares.Add(new AreaPopulationShare { PanelId = panel.Id, Group = group, Percent = percent });
    await db.SaveChangesAsync();

    var history = new EvaluationHistory(panel, agencies, caseManagers, attendees.ToDictionary(a => a.Key, a => a.Value.Id),
        attendees[agencies[AgencyKind.Police].Id].Id, caseManagers[0].Id);
    history.Generate(today.AddYears(-years), today);
    await history.SaveAsync(() => dbFactory.CreateDbContextAsync());
    return (panel, history);
}

/// <summary>The sample at or above the given share of a sorted list.</summary>
static double NearestRank(List<double> sorted, double share) => sorted[(int)Math.Ceiling(share * sorted.Count) - 1];



partial class Program
{
    static EvaluationReport? Report;
}
