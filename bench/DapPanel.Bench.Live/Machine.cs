namespace DapPanel.Bench.Live;

/// <summary>What every benchmark prints about the machine it ran on, read from /proc.</summary>
static class Machine
{
    public static string Model()
    {
        try { return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU"; }
        catch (IOException) { return "unknown CPU"; }
    }

    /// <summary>The 1-, 5- and 15-minute load averages.</summary>
    public static string LoadAverage()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "unknown"; }
    }
}
