using System.Diagnostics;
using DapPanel.App.Features.Minutes;
using DapPanel.App.Pdf;
using DapPanel.Tests.Pdf;

// Minutes generation: a 20-item meeting warm (target ≤ 300 ms) and a 200-item stress document (target ≤ 5 s).
PdfFonts.Register(Environment.GetEnvironmentVariable("Pdf__FontFolder"));
const int Warmup = 30, Runs = 60; // warm-up long enough for tiered JIT to settle

var twenty = SampleMinutes.Build(20);
for (var i = 0; i < Warmup; i++) MinutesPdf.Render(twenty);
var times = new List<double>();
var bytes = 0;
for (var i = 0; i < Runs; i++)
{
    var watch = Stopwatch.StartNew();
    bytes = MinutesPdf.Render(twenty).Length;
    times.Add(watch.Elapsed.TotalMilliseconds);
}
times.Sort();
Console.WriteLine($"20-item minutes: {Runs} runs after {Warmup} warm-up, p50 {Percentile(0.50):F1} ms, p95 {Percentile(0.95):F1} ms, "
    + $"max {times[^1]:F1} ms, {bytes / 1024} KB");

var stress = SampleMinutes.Build(200);
GC.Collect();
var before = GC.GetTotalMemory(forceFullCollection: true);
var stressWatch = Stopwatch.StartNew();
var pdf = MinutesPdf.Render(stress);
stressWatch.Stop();
var managedPeak = GC.GetGCMemoryInfo().HeapSizeBytes;
var pages = PageCount(pdf);
using var process = Process.GetCurrentProcess();
Console.WriteLine($"200-item minutes: {stressWatch.Elapsed.TotalMilliseconds:F0} ms, {pages} pages, {pdf.Length / 1024} KB; "
    + $"managed heap before {before / 1048576.0:F1} MB, after {GC.GetTotalMemory(false) / 1048576.0:F1} MB "
    + $"(last GC heap {managedPeak / 1048576.0:F1} MB); process peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB");

double Percentile(double p) => times[(int)Math.Ceiling(p * times.Count) - 1];

// Counts "/Type /Page" objects without a PDF reader; PDFsharp writes one per page.
static int PageCount(byte[] pdf) =>
    System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page\b").Count;
