using System.Net;

namespace DapPanel.App.Hosting;

/// <summary>
/// Off unless `Benchmark:MemoryEndpoint` is true: lets the benchmarks under bench/ read the server's
/// managed heap after a full collection. Answers loopback callers only.
/// </summary>
public static class BenchmarkEndpoints
{
    public static void MapBenchmarkEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Benchmark:MemoryEndpoint", false)) return;
        app.MapGet("/benchmark/memory", (HttpContext context) =>
        {
            if (context.Connection.RemoteIpAddress is not { } caller || !IPAddress.IsLoopback(caller))
                return Results.NotFound();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return Results.Json(new MemoryReading(GC.GetTotalMemory(forceFullCollection: true), Environment.WorkingSet));
        }).AllowAnonymous();
    }

    public sealed record MemoryReading(long ManagedBytes, long WorkingSetBytes);
}
