using System.Globalization;
using DapPanel.App.Components.Shared;
using DapPanel.App.Pdf;
using DapPanel.Core.Evaluation;
using PdfSharp.Drawing;

namespace DapPanel.App.Features.Evaluation;

/// <summary>
/// The evaluation as a report laid out like an evaluation's performance section: contents, then each figure with its
/// chart, its tables and their n; OFFICIAL-SENSITIVE on every page. Small numbers are always suppressed here.
/// </summary>
public static class EvaluationReportPdf
{
    static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static byte[] Render(EvaluationReport report, string madeBy)
    {
        // The contents need each figure's page, known only once laid out: lay out once to learn them, then again.
        var pages = Layout(report, madeBy, null, out _);
        Layout(report, madeBy, pages, out var pdf);
        return pdf;
    }

    static List<int> Layout(EvaluationReport report, string madeBy, IReadOnlyList<int>? pages, out byte[] pdf)
    {
        var period = $"{report.Period.From.ToString("d MMMM yyyy", British)} to {report.Period.To.ToString("d MMMM yyyy", British)}";
        using var layout = new PdfLayout($"Panel evaluation: {report.PanelName}, {period}",
            new PdfRunningText($"Panel evaluation · {report.PanelName}", period,
                $"Made {Display.When(report.MadeAt)} by {madeBy}. Counts from 1 to 4 are shown as <5."));
        layout.Title($"Panel evaluation: {report.PanelName}", period);
        layout.Paragraph("The panel's programme figures for the period, worked out from what the panel recorded. Shares are of everyone "
            + "each figure is about, missing records included; what is missing is counted and shown, never counted as none.");
        layout.Paragraph("Counts from 1 to 4 are shown as <5. A cell marked [c] is withheld so that a small count cannot be worked out "
            + "from a total or the other cells; percentages worked out from hidden counts are hidden with them.", PdfStyles.Small);
        if (report.AreaPopulationSource is { } source) layout.Paragraph($"Area population profile: {source}.", PdfStyles.Small);

        layout.Heading("Contents");
        var contents = new PdfTable(new PdfColumn("Figure", 8), new PdfColumn("Page", 1)) { Plain = true };
        for (var i = 0; i < report.Figures.Count; i++)
            contents.Row($"{i + 1}. {report.Figures[i].Title}", pages is null ? "00" : pages[i].ToString(British));
        layout.Table(contents);

        var found = new List<int>();
        for (var i = 0; i < report.Figures.Count; i++)
        {
            var figure = report.Figures[i];
            // The heading, its sentence and its chart on one page (a chart taller than a page's space starts one).
            var chart = figure.Chart is { } c ? new ChartLayout(c) : null;
            layout.KeepTogether(60 + Math.Min(chart is null ? 80 : chart.Height * PdfLayout.ContentWidth / ChartLayout.Width, 560));
            layout.Heading($"{i + 1}. {figure.Title}");
            found.Add(layout.PageCount);
            layout.Paragraph(figure.Description);
            if (chart is not null) Chart(layout, chart);
            foreach (var table in figure.Tables)
                foreach (var part in Tables(table)) layout.Table(part);
        }
        pdf = layout.Render();
        return found;
    }

    /// <summary>At most this many columns beside the labels fit the page's width readably.</summary>
    public const int MaxColumns = 6;

    /// <summary>
    /// A table, or a wide one in parts of at most six columns, each with the row labels again; its note (the n) under
    /// the last part.
    /// </summary>
    static IEnumerable<PdfTable> Tables(ShownTable table)
    {
        var columns = table.Headings.Count - 1;
        for (var first = 1; first <= columns; first += MaxColumns)
        {
            var take = Math.Min(MaxColumns, columns - first + 1);
            var pick = new[] { 0 }.Concat(Enumerable.Range(first, take)).ToList();
            var pdf = new PdfTable(pick.Select(i => new PdfColumn(table.Headings[i], i == 0 ? (columns > 3 ? 1.8 : 3.2) : 1)).ToArray())
            {
                Caption = first == 1 ? table.Title : $"{table.Title} (continued)",
                Note = first + take > columns && !string.IsNullOrWhiteSpace(table.Note) ? table.Note : null,
            };
            foreach (var row in table.Rows) pdf.Row([.. pick.Select(i => row[i].Text)]);
            yield return pdf;
        }
    }

    /// <summary>The chart as laid out for the page (ChartLayout), scaled to the text width, with its description as alternative text.</summary>
    static void Chart(PdfLayout layout, ChartLayout shapes)
    {
        var scale = PdfLayout.ContentWidth / ChartLayout.Width;
        var draws = new List<PdfDraw>();
        foreach (var shape in shapes.Shapes)
        {
            switch (shape)
            {
                case ChartRect r when r.Width > 0:
                    draws.Add(PdfDraw.Rectangle(Colour(r.Fill), r.X * scale, r.Y * scale, r.Width * scale, r.Height * scale));
                    break;
                case ChartLine l:
                    draws.Add(PdfDraw.Line(Colour(l.Stroke), l.Width * scale, l.X1 * scale, l.Y1 * scale, (l.X2 - l.X1) * scale, (l.Y2 - l.Y1) * scale));
                    break;
                case ChartText t:
                    var style = new PdfStyle(Math.Round(t.Size * scale, 2), t.Bold, Colour: Colour(t.Fill));
                    var width = layout.TextWidth(t.Text, style);
                    var x = t.X * scale - t.Anchor switch { ChartAnchor.Middle => width / 2, ChartAnchor.End => width, _ => 0 };
                    // The chart places text by its baseline; the layer draws from the top of the line.
                    draws.Add(PdfDraw.String(t.Text, style, x, t.Y * scale - style.Size * BaselineFromTop));
                    break;
            }
        }
        layout.Drawing(PdfLayout.ContentWidth, shapes.Height * scale, shapes.Description, draws, spaceAfter: 10);
    }

    /// <summary>The body font's ascent, as a share of its size: where the baseline sits below the top of a line.</summary>
    const double BaselineFromTop = 0.93;

    static XColor Colour(string hex) => XColor.FromArgb(
        Convert.ToInt32(hex[1..3], 16), Convert.ToInt32(hex[3..5], 16), Convert.ToInt32(hex[5..7], 16));
}
