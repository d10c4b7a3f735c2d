namespace DapPanel.Bench.Live;

static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = p / 100 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static string Summary(List<double> samples)
    {
        samples.Sort();
        return $"p50 {Percentile(samples, 50):0.0} ms, p95 {Percentile(samples, 95):0.0} ms ({samples.Count} samples)";
    }

    public static string Row(string what, string n, List<double> samples)
    {
        samples.Sort();
        return $"| {what} | {n} | {samples.Count} | {Percentile(samples, 50):0.0} ms | {Percentile(samples, 95):0.0} ms | {Percentile(samples, 99):0.0} ms |";
    }
}
