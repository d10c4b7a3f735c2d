using System.Text;

namespace DapPanel.Core.Insight;

/// <summary>RFC 4180 CSV that a spreadsheet cannot mistake for a formula.</summary>
public static class InsightCsv
{
    public static string Write(InsightTable table)
    {
        var csv = new StringBuilder();
        Line(csv, table.Headings);
        foreach (var row in table.Rows) Line(csv, row);
        return csv.ToString();
    }

    static void Line(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Cell));
        csv.Append("\r\n");
    }

    public static string Cell(string value)
    {
        // A cell starting with one of these runs as a formula in Excel and LibreOffice.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
