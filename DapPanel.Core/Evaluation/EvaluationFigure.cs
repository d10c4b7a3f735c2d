namespace DapPanel.Core.Evaluation;

/// <summary>One of the evaluation's figures: what it shows, its tables, and the chart drawn from its shown tables.</summary>
public sealed record EvaluationFigure(string Key, string Title, string Description, IReadOnlyList<FigureTable> Tables,
    Func<IReadOnlyList<ShownTable>, FigureChart?> Chart)
{
    public ShownFigure Show(bool suppress)
    {
        var tables = Tables.Select(t => t.Show(suppress)).ToList();
        return new ShownFigure(Key, Title, Description, tables, Chart(tables));
    }
}

/// <summary>A figure as people see it; its chart is drawn from the same shown cells, so nothing hidden is drawn.</summary>
public sealed record ShownFigure(string Key, string Title, string Description, IReadOnlyList<ShownTable> Tables, FigureChart? Chart);

public enum ChartKind
{
    /// <summary>One bar per category for each series, side by side.</summary>
    Bars,
    /// <summary>Each category's series stacked into one bar.</summary>
    StackedBars,
    /// <summary>A grid of categories (rows) by series (columns), each cell coloured by its value.</summary>
    Heat,
}

/// <summary>
/// A chart as data, drawn alike on screen (SVG) and in the PDF. A null value was hidden (or is missing): no bar is
/// drawn for it and its label says so.
/// </summary>
public sealed record FigureChart(ChartKind Kind, string Unit, IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series, ChartBand? Target = null)
{
    public double Max => Math.Max(1, Kind == ChartKind.StackedBars
        ? Categories.Select((_, i) => Series.Sum(s => s.Values[i] ?? 0)).DefaultIfEmpty(0).Max()
        : Series.SelectMany(s => s.Values).Select(v => Math.Abs(v ?? 0)).DefaultIfEmpty(0).Max());
}

/// <summary>One series: a value per category (null when hidden or missing) and the text shown for it, as in the table.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values, IReadOnlyList<string> Labels, string Colour)
{
    public static ChartSeries FromColumn(string name, ShownTable table, IReadOnlyList<int> rows, int column, string colour) =>
        new(name, rows.Select(r => table.Rows[r][column].Value).ToList(), rows.Select(r => table.Rows[r][column].Text).ToList(), colour);
}

/// <summary>A target range drawn behind the bars, such as 50–60 % direct contact.</summary>
public sealed record ChartBand(string Label, double From, double To);
