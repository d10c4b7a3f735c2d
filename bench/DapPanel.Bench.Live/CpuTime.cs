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
    public static TimeSpan OfChromium()
    {
        var total = TimeSpan.Zero;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            try
            {
                var name = File.ReadAllText(Path.Combine(folder, "comm")).Trim();
                if (name.StartsWith("chrom")) total += OfProcess(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return total;
    }
}
