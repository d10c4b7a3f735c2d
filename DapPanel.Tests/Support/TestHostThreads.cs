using System.Runtime.CompilerServices;

namespace DapPanel.Tests.Support;

/// <summary>
/// The test process hosts many app servers, browsers' drivers and hub clients at once. When all its threads are busy
/// or waiting, the thread pool grows by about one thread a second, so a burst of work can hold a server's requests for
/// seconds; it starts with enough threads for the servers the suite runs side by side.
/// </summary>
static class TestHostThreads
{
    [ModuleInitializer]
    internal static void StartWithEnoughThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var completion);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(completion, 64));
    }
}
