namespace DapPanel.Bench.Live;

/// <summary>CPU time used by processes, read from /proc: where the cost of a change goes (server or browsers).</summary>
static class CpuTime
{
    static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static TimeSpan OfProcess(int pid)
    {
        try
        {
            // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return TimeSpan.Zero; }
    }

    /// <summary>CPU time of the whole machine (every core), from /proc/stat.</summary>
    public static TimeSpan OfMachine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal: everything but idle and iowait is work.
        var busy = new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(fields[i]));
        return TimeSpan.FromSeconds(busy / TicksPerSecond);
    }

    /// <summary>Every chromium process on the machine (the benchmark's browser is the only one running).</summary>
    public static TimeSpan OfChromium() => OfProcessesWhere((name, _) => name.StartsWith("chrom"));

    /// <summary>The benchmark itself: this process and Playwright's driver, which hears every page's events.</summary>
    public static TimeSpan OfHarness() => OfProcess(Environment.ProcessId)
        + OfProcessesWhere((name, commandLine) => name == "node" && commandLine.Contains("playwright"));

    static TimeSpan OfProcessesWhere(Func<string, string, bool> matches)
    {
        var total = TimeSpan.Zero;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                var name = File.ReadAllText(Path.Combine(folder, "comm")).Trim();
                if (matches(name, File.ReadAllText(Path.Combine(folder, "cmdline")))) total += OfProcess(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return total;
    }

    /// <summary>Where the machine's CPU went over a stretch of time: the server, chromium, the benchmark, all.</summary>
    public readonly record struct Split(TimeSpan Server, TimeSpan Chromium, TimeSpan Harness, TimeSpan Machine)
    {
        public static Split Now(int serverPid) => new(OfProcess(serverPid), OfChromium(), OfHarness(), OfMachine());
        public static Split operator -(Split after, Split before) => new(after.Server - before.Server,
            after.Chromium - before.Chromium, after.Harness - before.Harness, after.Machine - before.Machine);
        public static Split operator +(Split a, Split b) => new(a.Server + b.Server, a.Chromium + b.Chromium,
            a.Harness + b.Harness, a.Machine + b.Machine);
        public Split Per(int count) => new(Server / count, Chromium / count, Harness / count, Machine / count);
        public override string ToString() => $"server {Server.TotalMilliseconds:0} ms, chromium {Chromium.TotalMilliseconds:0} ms, " +
            $"benchmark and Playwright {Harness.TotalMilliseconds:0} ms, whole machine {Machine.TotalMilliseconds:0} ms";
    }
}
