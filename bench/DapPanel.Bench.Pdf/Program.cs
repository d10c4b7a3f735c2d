using System.Diagnostics;
using DapPanel.App.Features.Minutes;
using DapPanel.App.Pdf;
using DapPanel.Tests.Pdf;

// Minutes generation: a 20-item meeting warm, tagged as served (target ≤ 300 ms) and untagged beside it for the cost
// of tagging; then a 200-item stress document (target ≤ 5 s). Tagged and untagged runs alternate so load on the
// machine falls on both alike.
PdfFonts.Register(Environment.GetEnvironmentVariable("Pdf__FontFolder"));
const int Warmup = 30, Runs = 60; // warm-up long enough for tiered JIT to settle

var twenty = SampleMinutes.Build(20);
for (var i = 0; i < Warmup; i++)
{
    MinutesPdf.Render(twenty);
    Untagged(twenty);
}
var tagged = new List<double>();
var untagged = new List<double>();
int taggedBytes = 0, untaggedBytes = 0;
for (var i = 0; i < Runs; i++)
{
    var watch = Stopwatch.StartNew();
    taggedBytes = MinutesPdf.Render(twenty).Length;
    tagged.Add(watch.Elapsed.TotalMilliseconds);
    watch.Restart();
    untaggedBytes = Untagged(twenty).Length;
    untagged.Add(watch.Elapsed.TotalMilliseconds);
}
Console.WriteLine($"20-item minutes, tagged (as served): {Runs} runs after {Warmup} warm-up, {Summary(tagged)}, {taggedBytes / 1024} KB");
Console.WriteLine($"20-item minutes, untagged:           {Runs} runs after {Warmup} warm-up, {Summary(untagged)}, {untaggedBytes / 1024} KB");
Console.WriteLine($"Cost of tagging: p50 {Percentile(tagged, 0.5) - Percentile(untagged, 0.5):+0.0;-0.0} ms, "
    + $"{(taggedBytes - untaggedBytes) / 1024:+0;-0} KB");

var stress = SampleMinutes.Build(200);
GC.Collect();
var before = GC.GetTotalMemory(forceFullCollection: true);
var stressWatch = Stopwatch.StartNew();
var pdf = MinutesPdf.Render(stress);
stressWatch.Stop();
var managedPeak = GC.GetGCMemoryInfo().HeapSizeBytes;
var pages = PageCount(pdf);
using var process = Process.GetCurrentProcess();
Console.WriteLine($"200-item minutes, tagged: {stressWatch.Elapsed.TotalMilliseconds:F0} ms, {pages} pages, {pdf.Length / 1024} KB; "
    + $"managed heap before {before / 1048576.0:F1} MB, after {GC.GetTotalMemory(false) / 1048576.0:F1} MB "
    + $"(last GC heap {managedPeak / 1048576.0:F1} MB); process peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB");

static byte[] Untagged(DapPanel.Core.Minutes.MinutesDocument document)
{
    using var layout = MinutesPdf.Compose(document);
    return layout.Render(tagged: false);
}

static string Summary(List<double> times) =>
    $"p50 {Percentile(times, 0.50):F1} ms, p95 {Percentile(times, 0.95):F1} ms, max {times.Max():F1} ms";

static double Percentile(List<double> times, double p)
{
    var sorted = times.Order().ToList();
    return sorted[(int)Math.Ceiling(p * sorted.Count) - 1];
}

// Counts "/Type /Page" objects without a PDF reader; PDFsharp writes one per page.
static int PageCount(byte[] pdf) =>
    System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b").Count;
