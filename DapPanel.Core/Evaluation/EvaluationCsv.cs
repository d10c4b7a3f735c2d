using DapPanel.Core.Insight;

namespace DapPanel.Core.Evaluation;

/// <summary>An evaluation table as CSV: its title, its n, the marking, then headings and rows (formula-safe, as insight's).</summary>
public static class EvaluationCsv
{
    public static string Write(ShownTable table) => InsightCsv.Write(new InsightTable(table.Key, table.Title, table.Headings,
        table.Rows.Select(r => (IReadOnlyList<string>)r.Select(c => c.Text).ToList()).ToList()));
}
