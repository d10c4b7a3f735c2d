using System.Diagnostics;
using DapPanel.Bench.Live;
using DapPanel.Core;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Import;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// How long an administrator waits for a 1,000-case caseload to be previewed (read, every row checked against the file
// and the cases already held) and then saved (read and checked again, saved in one transaction, audited), through
// ICaseloadImport as the import page calls it, on the app's SQLite file. The panel already holds 1,000 other cases, so
// every row is compared with a real caseload. Each run gets a database of its own; the first run is a warm-up. Wall
// time and the CPU time the process used (on a busy machine the wall time includes waiting for a core).
//   dotnet run -c Release --project bench/DapPanel.Bench.Import [-- --runs 20]
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(20);
const int Cases = 1_000;
var work = Path.Combine(Path.GetTempPath(), "dappanel-bench-import", Guid.NewGuid().ToString("N"));
var csv = CaseloadFile.Csv(Cases, "NEW");
var workbook = ImportTemplates.Workbook(CaseloadImport.Columns, "Caseload",
    Enumerable.Range(0, Cases).Select(i => (IReadOnlyList<string>)CaseloadFile.Row(i, "NEW")));
// Other people (their names and aliases differ), so that every new row is checked against them and none is a repeat.
var held = CaseloadFile.Csv(Cases, "OLD", (_, row) => { row[1] = "Earlier " + row[1]; row[3] = ""; });

var rows = new List<string>();
foreach (var (format, fileName, content) in new[] { ("CSV", "caseload.csv", csv), ("XLSX", "caseload.xlsx", workbook) })
{
    List<double> preview = [], save = [], total = [], cpu = [];
    for (var run = 0; run <= runs; run++)
    {
        var folder = Directory.CreateDirectory(Path.Combine(work, Guid.NewGuid().ToString("N"))).FullName;
        await using var services = new ServiceCollection().AddLogging()
            .AddDapPanelCore(new StorageSettings { DataFolder = folder }, new DatabaseSettings())
            .BuildServiceProvider();
        var (administrator, panelId) = await PrepareAsync(services);
        var import = services.GetRequiredService<ICaseloadImport>();
        var heldPreview = await import.PreviewAsync(administrator, panelId, "held.csv", held);
        if (heldPreview.Rows.FirstOrDefault(r => r.Outcome == ImportRowOutcome.Problem) is { } bad)
            throw new InvalidOperationException($"The panel's earlier caseload has problems, e.g. row {bad.Line}: {string.Join(" ", bad.Problems)}");
        await import.SaveAsync(administrator, panelId, "held.csv", held);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var shown = await import.PreviewAsync(administrator, panelId, fileName, content);
        var previewed = Stopwatch.GetTimestamp();
        var saved = await import.SaveAsync(administrator, panelId, fileName, content);
        var finished = Stopwatch.GetTimestamp();
        var cpuUsed = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        if (shown.NewRows != Cases || saved.Added != Cases)
            throw new InvalidOperationException($"Expected {Cases} new cases, previewed {shown.NewRows} ({shown.RowsWithProblems} with problems) and saved {saved.Added}.");
        if (run == 0) continue; // warm-up
        preview.Add(Stopwatch.GetElapsedTime(started, previewed).TotalMilliseconds);
        save.Add(Stopwatch.GetElapsedTime(previewed, finished).TotalMilliseconds);
        total.Add(Stopwatch.GetElapsedTime(started, finished).TotalMilliseconds);
        cpu.Add(cpuUsed);
    }
    rows.Add(Row($"{format}, {content.Length / 1024} KB: preview", preview));
    rows.Add(Row($"{format}: save (checked again, one transaction)", save));
    rows.Add(Row($"{format}: preview and save", total));
    rows.Add(Row($"{format}: CPU time of preview and save", cpu));
    foreach (var row in rows[^4..]) Console.WriteLine(row);
}
try { Directory.Delete(work, recursive: true); } catch (IOException) { }

Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Machine.Model()}, .NET {Environment.Version}; load average at the end {Machine.LoadAverage()}");
Console.WriteLine($"| {Cases:N0}-case caseload into a panel holding {Cases:N0} | Runs | p50 | p95 | max |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var row in rows) Console.WriteLine(row);

static string Row(string what, List<double> samples)
{
    samples.Sort();
    return $"| {what} | {samples.Count} | {Stats.Percentile(samples, 50):0} ms | {Stats.Percentile(samples, 95):0} ms | {samples[^1]:0} ms |";
}

/// <summary>A migrated database with one panel, its administrator and the case manager the caseload names.</summary>
static async Task<(Actor Administrator, Guid PanelId)> PrepareAsync(IServiceProvider services)
{
    await using var db = await services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>().CreateDbContextAsync();
    await db.Database.MigrateAsync();
    var agency = new Agency { Name = "Community Safety", Kind = AgencyKind.Other };
    var panel = new Panel { Name = "Bench DAPP", Area = "Benchborough" };
    panel.Members.Add(new PanelMembership { AgencyId = agency.Id, IsCore = true });
    var coordinator = new Person { FullName = "Jo Linnet", AgencyId = agency.Id, Email = "jo.linnet@bench.example" };
    db.AddRange(agency, panel, coordinator);
    await db.SaveChangesAsync();
    return (new Actor("bench-admin", coordinator.Id, agency.Id, coordinator.FullName, new HashSet<Role> { Role.Administrator }), panel.Id);
}


