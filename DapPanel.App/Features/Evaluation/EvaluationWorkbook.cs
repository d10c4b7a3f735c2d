using System.Globalization;
using System.Text.RegularExpressions;
using DapPanel.App.Pdf;
using DapPanel.Core.Evaluation;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DapPanel.App.Features.Evaluation;

/// <summary>
/// The quarterly return: one XLSX workbook, a sheet about the return and then a sheet per table, counts and
/// percentages as numbers, hidden cells as their marks ("&lt;5", "[c]").
/// </summary>
public static partial class EvaluationWorkbook
{
    const uint Plain = 0, Bold = 1, Percent = 2, Decimal = 3, Title = 4, Muted = 5;

    public static byte[] Render(EvaluationReport report)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;

            AddSheet(workbook, sheets, id++, Unique(names, "About"), About(report), [70]);
            foreach (var table in report.Tables)
                AddSheet(workbook, sheets, id++, Unique(names, SheetTitle(table)), TableRows(table),
                    [.. table.Headings.Select((h, i) => i == 0 ? 46.0 : Math.Clamp(h.Length + 2, 10, 24))]);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>A sheet is named after its table's key ("abuse-profile-all": "Abuse profile all"); its first cell has the whole title.</summary>
    static string SheetTitle(ShownTable table) => table.Key == "aces" ? "ACEs"
        : char.ToUpperInvariant(table.Key[0]) + table.Key[1..].Replace('-', ' ');

    static IEnumerable<Row> About(EvaluationReport report)
    {
        var british = CultureInfo.GetCultureInfo("en-GB");
        yield return TextRow(Title, PdfLayout.Marking);
        yield return TextRow(Title, $"Panel evaluation: {report.PanelName}");
        yield return TextRow(Plain, $"Period: {report.Period.From.ToString("d MMMM yyyy", british)} to {report.Period.To.ToString("d MMMM yyyy", british)}");
        yield return TextRow(Plain, $"Made: {Components.Shared.Display.When(report.MadeAt)}");
        yield return TextRow(Plain, "Counts from 1 to 4 are shown as <5. A cell marked [c] is withheld so that a small count cannot be worked out from a total or the other cells.");
        yield return TextRow(Plain, "Shares are of everyone each table is about, missing records included; what is missing is a row or column of its own.");
        if (report.AreaPopulationSource is { } source) yield return TextRow(Plain, $"Area population profile: {source}");
        yield return TextRow(Muted, $"{PdfLayout.Marking}: handle, store and share under your information-sharing agreement.");
        yield return TextRow(Bold, "Sheets");
        foreach (var table in report.Tables) yield return TextRow(Plain, table.Title);
    }

    static IEnumerable<Row> TableRows(ShownTable table)
    {
        yield return TextRow(Title, table.Title);
        yield return TextRow(Muted, table.Note);
        yield return TextRow(Muted, PdfLayout.Marking);
        yield return new Row(table.Headings.Select(h => Text(h, Bold)));
        foreach (var row in table.Rows)
            yield return new Row(row.Select((cell, i) => i == 0 ? Text(cell.Text, Bold) : Cell(cell)));
    }

    static Cell Cell(ShownCell cell) => cell.Value is { } value && cell.Kind is CellKind.Count or CellKind.Percent or CellKind.Measure
        ? new Cell
        {
            DataType = CellValues.Number, CellValue = new CellValue(value),
            StyleIndex = cell.Kind switch { CellKind.Percent => Percent, CellKind.Measure => Decimal, _ => Plain },
        }
        : Text(cell.Text, Plain);

    static Cell Text(string text, uint style) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)), StyleIndex = style };

    static Row TextRow(uint style, string text) => new(Text(text, style));

    static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IEnumerable<Row> rows, IReadOnlyList<double> widths)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
        var data = new SheetData();
        uint index = 1;
        foreach (var row in rows)
        {
            row.RowIndex = index;
            var column = 0;
            foreach (var cell in row.Elements<Cell>()) cell.CellReference = ColumnName(column++) + index;
            data.AppendChild(row);
            index++;
        }
        part.Worksheet = new Worksheet(columns, data);
        sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : ColumnName(index / 26 - 1) + (char)('A' + index % 26);

    /// <summary>Sheet names are at most 31 characters, without []:*?/\, and unique whatever their case.</summary>
    static string Unique(HashSet<string> taken, string title)
    {
        var name = Forbidden().Replace(title, "-").Trim('\'');
        if (name.Length > 31) name = name[..31].TrimEnd();
        var candidate = name;
        for (var n = 2; !taken.Add(candidate); n++)
            candidate = (name.Length > 27 ? name[..27] : name) + $" ({n})";
        return candidate;
    }

    [GeneratedRegex(@"[\[\]:*?/\\]")]
    private static partial Regex Forbidden();

    static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "0\"%\"" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }),
            new Font(new Bold(), new FontSize { Val = 11 }),
            new Font(new Bold(), new FontSize { Val = 13 }),
            new Font(new Italic(), new FontSize { Val = 10 }, new Color { Rgb = "FF5B6470" })) { Count = 4 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { FontId = 2, ApplyFont = true },
            new CellFormat { FontId = 3, ApplyFont = true }) { Count = 6 });
}
