using System.Globalization;
using System.Text;

namespace DapPanel.Core.Import;

/// <summary>One column an import takes: the template's heading, other headings that mean the same, and whether it must be filled.</summary>
public sealed record ImportColumn(string Heading, bool Required, string Example, params string[] OtherHeadings)
{
    public IEnumerable<string> Keys => OtherHeadings.Append(Heading).Select(ImportColumns.Key);
}

/// <summary>Matches a file's headings to an import's columns and reads values the way people type them.</summary>
public static class ImportColumns
{
    /// <summary>Headings compare by their letters and digits only: "Date of birth", "date_of_birth" and "DATE OF BIRTH" are one.</summary>
    public static string Key(string heading) =>
        new(heading.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>Each column's position in the file (-1 when absent), or the problems with the headings.</summary>
    public static (Dictionary<ImportColumn, int> Positions, List<string> Problems) Match(ImportTable table, IReadOnlyList<ImportColumn> columns)
    {
        var positions = columns.ToDictionary(c => c, _ => -1);
        var problems = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var heading = table.Headers[i].Trim();
            if (heading.Length == 0)
            {
                if (table.Lines.Any(l => l.Cell(i).Length > 0)) problems.Add($"Column {ImportTable.ColumnName(i)} has values but no heading.");
                continue;
            }
            var column = columns.FirstOrDefault(c => c.Keys.Contains(Key(heading)));
            if (column is null) unknown.Add(heading);
            else if (positions[column] >= 0) problems.Add($"The column \"{column.Heading}\" appears twice (columns {ImportTable.ColumnName(positions[column])} and {ImportTable.ColumnName(i)}).");
            else positions[column] = i;
        }
        if (unknown.Count > 0)
            problems.Add($"Unknown {(unknown.Count == 1 ? "column" : "columns")}: {string.Join(", ", unknown.Select(u => $"\"{Clip(u)}\""))}. "
                + $"The columns are: {string.Join(", ", columns.Select(c => c.Heading))}. Rename or remove the others.");
        var missing = columns.Where(c => c.Required && positions[c] < 0).Select(c => c.Heading).ToList();
        if (missing.Count > 0) problems.Add($"Missing {(missing.Count == 1 ? "column" : "columns")}: {string.Join(", ", missing)}.");
        if (table.Lines.Count == 0 && problems.Count == 0) problems.Add($"{table.FileName} has a header row but no rows to import.");
        return (positions, problems);
    }

    static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "d MMM yyyy", "d MMMM yyyy",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm",
    ];

    /// <summary>A date as people type it (2026-03-14, 14/03/2026, 14 Mar 2026) or, from a workbook, a date cell.</summary>
    public static bool TryDate(string text, ImportFormat format, out DateOnly date)
    {
        date = default;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }
        // A workbook keeps a date as its day number, shown through a date format.
        if (format == ImportFormat.Xlsx && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
            && serial is >= 1 and < 2958466)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }

    public const string DateHint = "write it as 2026-03-14 or 14/03/2026";

    /// <summary>Text a spreadsheet would run as a formula if the data were opened in one again.</summary>
    public static bool LooksLikeFormula(string text) =>
        text.Length > 0 && (text[0] is '=' or '+' or '@' || (text[0] == '-' && text.Length > 1 && !char.IsDigit(text[1])));

    /// <summary>A list in one cell: separated by semicolons (or new lines).</summary>
    public static List<string> List(string text) =>
        text.Split([';', '\n', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Tidy).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static string Tidy(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>The template: its heading row and one example row, as CSV.</summary>
    public static byte[] CsvTemplate(IReadOnlyList<ImportColumn> columns)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', columns.Select(c => Quote(c.Heading))).Append("\r\n");
        text.AppendJoin(',', columns.Select(c => Quote(c.Example))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    static string Quote(string value) => value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
