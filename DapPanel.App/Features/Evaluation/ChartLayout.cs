using System.Globalization;
using DapPanel.Core.Evaluation;

namespace DapPanel.App.Features.Evaluation;

/// <summary>A shape of a laid-out chart, in points from the chart's top left.</summary>
public abstract record ChartShape;

public sealed record ChartRect(double X, double Y, double Width, double Height, string Fill) : ChartShape;

public sealed record ChartText(double X, double Y, string Text, double Size, string Fill = ChartLayout.Ink, bool Bold = false,
    ChartAnchor Anchor = ChartAnchor.Start) : ChartShape;

public sealed record ChartLine(double X1, double Y1, double X2, double Y2, string Stroke, double Width = 1) : ChartShape;

public enum ChartAnchor { Start, Middle, End }

/// <summary>
/// Lays a <see cref="FigureChart"/> out once as rectangles, lines and text, so the page (SVG) and the PDF report draw
/// the same chart. Bars run across, labels on the left; a hidden value has no bar and says so ("&lt;5").
/// </summary>
public sealed class ChartLayout
{
    public const string Ink = "#1e232b", Muted = "#5b6470", Grid = "#d5dbe3";
    public const double Width = 640;
    const double LabelWidth = 236, PlotX = 244, PlotWidth = 330, LabelSize = 10.5, ValueSize = 10;

    public double Height { get; private set; }
    public List<ChartShape> Shapes { get; } = [];
    /// <summary>A sentence that says what the chart shows, for screen readers and the PDF's text.</summary>
    public string Description { get; }

    public ChartLayout(FigureChart chart)
    {
        Description = Describe(chart);
        switch (chart.Kind)
        {
            case ChartKind.Heat: Heat(chart); break;
            default: Bars(chart); break;
        }
    }

    void Bars(FigureChart chart)
    {
        var y = Legend(chart, 0);
        var stacked = chart.Kind == ChartKind.StackedBars;
        var max = stacked && chart.Unit.Contains('%') ? 100 : Nice(chart.Max);
        if (chart.Target is { } band) max = Math.Max(max, Nice(band.To));
        double X(double value) => PlotX + PlotWidth * Math.Clamp(value / max, 0, 1);
        var top = y;
        var barHeight = stacked ? 16 : 12;
        var rows = new List<(double Top, double Height)>();
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            var lines = Wrap(chart.Categories[c], LabelWidth, LabelSize, 2);
            var bars = stacked ? 1 : chart.Series.Count;
            var height = Math.Max(lines.Count * 12.5, bars * (barHeight + 3)) + 8;
            rows.Add((y, height));
            y += height;
        }
        if (chart.Target is { } target)
        {
            Shapes.Add(new ChartRect(X(target.From), top, X(target.To) - X(target.From), y - top, "#e3f1e6"));
            Shapes.Add(new ChartText((X(target.From) + X(target.To)) / 2, y + 11, $"{target.Label} {Number(target.From)}–{Number(target.To)}{Unit(chart)}",
                9, "#2e6b3a", Anchor: ChartAnchor.Middle));
        }
        for (var tick = 0; tick <= 4; tick++)
        {
            var x = PlotX + PlotWidth * tick / 4;
            Shapes.Add(new ChartLine(x, top, x, y, Grid, 0.6));
            Shapes.Add(new ChartText(x, y + (chart.Target is null ? 11 : 23), Number(max * tick / 4) + Unit(chart), 8.5, Muted, Anchor: ChartAnchor.Middle));
        }
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            var (rowTop, height) = rows[c];
            var lines = Wrap(chart.Categories[c], LabelWidth, LabelSize, 2);
            var textTop = rowTop + (height - lines.Count * 12.5) / 2 + 9.5;
            for (var l = 0; l < lines.Count; l++) Shapes.Add(new ChartText(0, textTop + l * 12.5, lines[l], LabelSize));
            if (stacked) StackedBar(chart, c, rowTop + (height - barHeight) / 2, barHeight, X);
            else
            {
                var barsTop = rowTop + (height - chart.Series.Count * (barHeight + 3) + 3) / 2;
                for (var s = 0; s < chart.Series.Count; s++)
                {
                    var series = chart.Series[s];
                    var barY = barsTop + s * (barHeight + 3);
                    var value = series.Values[c];
                    var end = PlotX;
                    if (value is { } v && v > 0)
                    {
                        end = X(v);
                        Shapes.Add(new ChartRect(PlotX, barY, end - PlotX, barHeight, series.Colour));
                    }
                    Shapes.Add(new ChartText(end + 4, barY + barHeight - 2.5, series.Labels[c], ValueSize, value is null ? Muted : Ink));
                }
            }
        }
        Height = y + (chart.Target is null ? 16 : 28);
    }

    void StackedBar(FigureChart chart, int c, double barY, double barHeight, Func<double, double> x)
    {
        var start = 0.0;
        var hidden = new List<string>();
        foreach (var series in chart.Series)
        {
            if (series.Values[c] is not { } v) { hidden.Add($"{series.Name} {series.Labels[c]}"); continue; }
            if (v <= 0) continue;
            var (from, to) = (x(start), x(start + v));
            Shapes.Add(new ChartRect(from, barY, to - from, barHeight, series.Colour));
            if (to - from >= 24)
                Shapes.Add(new ChartText((from + to) / 2, barY + barHeight - 4, series.Labels[c], 9, Contrast(series.Colour), Anchor: ChartAnchor.Middle));
            start += v;
        }
        if (hidden.Count > 0) Shapes.Add(new ChartText(x(start) + 4, barY + barHeight - 4, string.Join(", ", hidden), 9, Muted));
    }

    void Heat(FigureChart chart)
    {
        var y = 0.0;
        const double labelWidth = 190, cellHeight = 24;
        var cellWidth = (Width - labelWidth) / chart.Series.Count;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var lines = Wrap(chart.Series[s].Name, cellWidth - 6, 9.5, 2);
            for (var l = 0; l < lines.Count; l++)
                Shapes.Add(new ChartText(labelWidth + (s + 0.5) * cellWidth, 11 + l * 11.5, lines[l], 9.5, Ink, true, ChartAnchor.Middle));
        }
        y = 32;
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            Shapes.Add(new ChartText(0, y + 16, chart.Categories[c], LabelSize));
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var value = chart.Series[s].Values[c];
                var fill = HeatColour(value);
                Shapes.Add(new ChartRect(labelWidth + s * cellWidth + 1, y + 1, cellWidth - 2, cellHeight - 2, fill));
                Shapes.Add(new ChartText(labelWidth + (s + 0.5) * cellWidth, y + 16, chart.Series[s].Labels[c], 10,
                    value is { } v && Math.Abs(v) >= 60 ? "#ffffff" : Ink, true, ChartAnchor.Middle));
            }
            y += cellHeight;
            if (c % 3 == 2 && c < chart.Categories.Count - 1) y += 6;
        }
        Shapes.Add(new ChartText(0, y + 14, "Green: fewer victim-survivors at that level at exit than at intake; red: more. Grey: none at that level at intake, or hidden.", 8.5, Muted));
        Height = y + 20;
    }

    double Legend(FigureChart chart, double y)
    {
        if (chart.Series.Count < 2) return y;
        var x = PlotX;
        foreach (var series in chart.Series)
        {
            Shapes.Add(new ChartRect(x, y + 2, 10, 10, series.Colour));
            Shapes.Add(new ChartText(x + 14, y + 11, series.Name, 9.5));
            x += 22 + series.Name.Length * 5.6;
        }
        return y + 20;
    }

    /// <summary>Green for a reduction, red for a rise, stronger the larger; grey when there is no value.</summary>
    public static string HeatColour(double? value)
    {
        if (value is not { } v) return "#eceff3";
        var strength = Math.Clamp(Math.Abs(v) / 100, 0.12, 1);
        var (r, g, b) = v >= 0 ? (27, 122, 58) : (198, 40, 40);
        int Mix(int channel) => (int)Math.Round(255 - (255 - channel) * strength);
        return $"#{Mix(r):x2}{Mix(g):x2}{Mix(b):x2}";
    }

    static string Contrast(string colour) => colour is "#c9d6df" or "#95b8d1" ? Ink : "#ffffff";

    static string Unit(FigureChart chart) => chart.Unit.Contains('%') ? "%" : "";

    static string Number(double value) => value.ToString("0.#", CultureInfo.GetCultureInfo("en-GB"));

    static double Nice(double max)
    {
        if (max <= 5) return 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * magnitude >= max) return step * magnitude;
        return 10 * magnitude;
    }

    /// <summary>Words wrapped to a width by an estimate of the font's average character (0.53 em); the last line shortened.</summary>
    public static List<string> Wrap(string text, double width, double size, int maxLines)
    {
        var perLine = Math.Max(8, (int)(width / (size * 0.53)));
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length == 0) current = word;
            else if (current.Length + 1 + word.Length <= perLine) current += " " + word;
            else { lines.Add(current); current = word; }
        }
        if (current.Length > 0) lines.Add(current);
        if (lines.Count <= maxLines) return lines;
        var kept = lines.Take(maxLines).ToList();
        var last = string.Join(" ", lines.Skip(maxLines - 1));
        kept[^1] = last.Length > perLine ? last[..(perLine - 1)].TrimEnd() + "…" : last;
        return kept;
    }

    static string Describe(FigureChart chart)
    {
        var parts = chart.Categories.Select((category, c) =>
            category + ": " + string.Join(", ", chart.Series.Select(s => (chart.Series.Count > 1 ? s.Name + " " : "") + s.Labels[c])));
        return string.Join("; ", parts) + ".";
    }
}
