using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DapPanel.Core.Import;

/// <summary>One row of an import file: its line (CSV) or row number (spreadsheet), and its cells by column.</summary>
/// <param name="Formulas">Columns whose spreadsheet cell holds a formula rather than a value.</param>
public sealed record ImportLine(int Number, IReadOnlyList<string> Cells, IReadOnlySet<int> Formulas)
{
    public string Cell(int column) => column >= 0 && column < Cells.Count ? Cells[column] : "";
}

/// <summary>An import file read into its header and rows, or the one reason it cannot be read at all.</summary>
public sealed record ImportTable(string FileName, ImportFormat Format, IReadOnlyList<string> Headers, IReadOnlyList<ImportLine> Lines)
{
    /// <summary>More than this many rows is refused as a whole: imports are of a panel's caseload and members, not archives.</summary>
    public const int MaxRows = 5_000;
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Reads CSV (UTF-8, any usual separator) or XLSX (the first sheet) through maintained parsers.</summary>
    public static ImportTable Read(string fileName, byte[] content)
    {
        if (content.Length == 0) throw new ImportFileException("The file is empty. Download the template, fill it in and choose it again.");
        if (content.Length > MaxBytes)
            throw new ImportFileException($"The file is {content.Length / 1024.0 / 1024.0:0.0} MB; an import is at most {MaxBytes / 1024 / 1024} MB. Split it, or remove columns the template does not have.");
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var isZip = content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        if (extension == ".xlsx" || (isZip && extension != ".csv"))
        {
            if (!isZip) throw new ImportFileException($"{fileName} is not an Excel workbook (.xlsx), though it is named like one. Save it from your spreadsheet as .xlsx or .csv.");
            return ReadWorkbook(fileName, content);
        }
        if (extension is not (".csv" or ".txt"))
            throw new ImportFileException($"{fileName} is not a CSV or Excel (.xlsx) file. Save it from your spreadsheet as .csv or .xlsx and choose it again.");
        if (isZip) throw new ImportFileException($"{fileName} is a spreadsheet (.xlsx) named .csv. Rename it to .xlsx, or save it as CSV.");
        if (Array.IndexOf(content, (byte)0) >= 0 || !IsText(content))
            throw new ImportFileException($"{fileName} is not a text CSV file (it may be an old .xls workbook or a document). Save it as CSV UTF-8 or .xlsx.");
        return ReadCsv(fileName, content);
    }

    static bool IsText(byte[] content)
    {
        try
        {
            new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    static ImportTable ReadCsv(string fileName, byte[] content)
    {
        var options = CsvReaderOptions.Default with
        {
            TrimWhitespace = true, MalformedData = CsvMalformedDataHandling.Throw, MaxRecordSize = 256 * 1024, TrackLineNumbers = true,
            IncludeValuesInExceptions = false, SkipEmptyLines = true,
        };
        var lines = new List<ImportLine>();
        IReadOnlyList<string> headers;
        try
        {
            using var csv = CsvReader.Create(content, options);
            headers = csv.Headers.ToList();
            while (csv.Read())
            {
                var cells = new string[csv.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = csv.GetString(i).Trim();
                if (cells.All(c => c.Length == 0)) continue;
                if (lines.Count == MaxRows) throw TooMany(fileName);
                lines.Add(new ImportLine((int)csv.LineNumber, cells, EmptySet));
            }
        }
        catch (CsvFormatException malformed)
        {
            throw new ImportFileException($"{fileName} is not well-formed CSV: {FirstSentence(malformed.Message)} Open it in a spreadsheet and save it as CSV again.");
        }
        if (headers.All(string.IsNullOrWhiteSpace)) throw new ImportFileException($"{fileName} has no header row: its first line must name the columns, as the template's does.");
        return new ImportTable(fileName, ImportFormat.Csv, headers.Select(h => h.Trim()).ToList(), lines);
    }

    static ImportTable ReadWorkbook(string fileName, byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new ImportFileException($"{fileName} has no workbook in it.");
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new ImportFileException($"{fileName} has no sheets.");
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            IReadOnlyList<string>? headers = null;
            var lines = new List<ImportLine>();
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
                var row = (Row)reader.LoadCurrentElement()!;
                var number = (int)(row.RowIndex?.Value ?? (uint)(lines.Count + 2));
                var cells = new List<string>();
                var formulas = new HashSet<int>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column) cells.Add("");
                    if (cell.CellFormula is not null) formulas.Add(column);
                    cells.Add(Text(cell, shared).Trim());
                }
                if (cells.All(c => c.Length == 0) && formulas.Count == 0) continue;
                if (headers is null)
                {
                    headers = cells;
                    continue;
                }
                if (lines.Count == MaxRows) throw TooMany(fileName);
                lines.Add(new ImportLine(number, cells, formulas));
            }
            if (headers is null) throw new ImportFileException($"{fileName} is empty: its first sheet has no rows.");
            return new ImportTable(fileName, ImportFormat.Xlsx, headers, lines);
        }
        catch (ImportFileException) { throw; }
        catch (Exception unreadable) when (unreadable is OpenXmlPackageException or InvalidDataException or IOException
                                               or System.Xml.XmlException or InvalidOperationException or ArgumentException
                                               or KeyNotFoundException or NullReferenceException)
        {
            throw new ImportFileException($"{fileName} could not be read as an Excel workbook (.xlsx). Open it in your spreadsheet and save it as .xlsx or CSV again.");
        }
    }

    static string Text(Cell cell, List<string> shared)
    {
        var value = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(value, out var index) && index >= 0 && index < shared.Count ? shared[index] : "";
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (cell.DataType?.Value == CellValues.Boolean) return value == "1" ? "TRUE" : "FALSE";
        return value;
    }

    /// <summary>"C7" is column 2.</summary>
    static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter)) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index == 0 ? null : index - 1;
    }

    /// <summary>"C" for column 2, as a spreadsheet names it.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    static ImportFileException TooMany(string fileName) => new(
        $"{fileName} has more than {MaxRows:N0} rows. DapPanel imports at most {MaxRows:N0} at a time: split the file, and check that it holds only open cases or current members.");

    static string FirstSentence(string message) => message.Split('.')[0].Trim() + ".";

    static readonly IReadOnlySet<int> EmptySet = new HashSet<int>();
}

public enum ImportFormat { Csv, Xlsx }

/// <summary>The file as a whole cannot be imported; the message says why and what to do.</summary>
public sealed class ImportFileException(string message) : Domain.UserFacingException(message);
