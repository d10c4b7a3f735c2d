using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DapPanel.Core.Import;

/// <summary>The files to fill in: each import's columns with one example row, as CSV and (for the caseload) as a workbook.</summary>
public static class ImportTemplates
{
    public sealed record Template(string FileName, string ContentType, byte[] Content);

    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static Template? Find(string name) => name switch
    {
        "people.csv" => new(name, CsvType, ImportColumns.CsvTemplate(PeopleImport.Columns)),
        "caseload.csv" => new(name, CsvType, ImportColumns.CsvTemplate(CaseloadImport.Columns)),
        "caseload.xlsx" => new(name, XlsxType, Workbook(CaseloadImport.Columns, "Caseload")),
        "people.xlsx" => new(name, XlsxType, Workbook(PeopleImport.Columns, "People")),
        _ => null,
    };

    /// <summary>A workbook of one sheet: the headings in bold-free plain text (every cell text, so dates are not reformatted) and the example.</summary>
    public static byte[] Workbook(IReadOnlyList<ImportColumn> columns, string sheetName, IEnumerable<IReadOnlyList<string>>? rows = null)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, columns.Select(c => c.Heading)));
            var number = 2u;
            foreach (var row in rows ?? [columns.Select(c => c.Example).ToList()]) data.Append(Row(number++, row));
            sheetPart.Worksheet = new Worksheet(
                new Columns(columns.Select((c, i) => new Column
                {
                    Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Math.Max(14, c.Heading.Length + 4), CustomWidth = true,
                })),
                data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    static Row Row(uint number, IEnumerable<string> values)
    {
        var row = new Row { RowIndex = number };
        var column = 0;
        foreach (var value in values)
            row.Append(new Cell
            {
                CellReference = $"{ImportTable.ColumnName(column++)}{number}", DataType = CellValues.InlineString,
                InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }),
            });
        return row;
    }
}
