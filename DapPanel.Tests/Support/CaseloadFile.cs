using System.Globalization;
using System.Text;

namespace DapPanel.Tests.Support;

/// <summary>
/// A panel's open caseload as its previous spreadsheet would export it: one row per case in the import template's
/// columns, every person distinct, dates before December 2026. Shared by the import tests, the go-live walk and the
/// import benchmark.
/// </summary>
public static class CaseloadFile
{
    public static readonly string[] Headings =
    [
        "Reference", "Perpetrator name", "Date of birth", "Aliases", "Victim-survivors", "Children count", "Referral source",
        "Referral date", "Status", "Accepted date", "Next review date", "Case manager",
    ];

    static readonly string[] FirstNames =
    [
        "Aaron", "Blake", "Callum", "Declan", "Ewan", "Finlay", "Gareth", "Harvey", "Isaac", "Jordan", "Kieran", "Liam",
        "Mason", "Nathan", "Owen", "Preston", "Quinn", "Rhys", "Shane", "Tyler",
    ];

    static readonly string[] Surnames =
    [
        "Ashby", "Birchall", "Carden", "Dunmore", "Elstow", "Farrow", "Gorton", "Hatherley", "Ingram", "Jessop", "Kendrick",
        "Lowther", "Marlow", "Northey", "Ormsby", "Pendle", "Quarrie", "Rowntree", "Stannard", "Thackery",
    ];

    /// <summary>The reference of the case on row <paramref name="index"/> (from 0).</summary>
    public static string Reference(int index, string prefix = "IMP") => $"{prefix}-{index + 1:0000}";

    /// <summary>The values of one row, in the template's order.</summary>
    public static string[] Row(int index, string prefix = "IMP", string? caseManager = null)
    {
        var name = $"{FirstNames[index % FirstNames.Length]} {Surnames[index / FirstNames.Length % Surnames.Length]}"
            + (index >= FirstNames.Length * Surnames.Length ? $" {index / (FirstNames.Length * Surnames.Length) + 1}" : "");
        var born = new DateOnly(1970, 1, 1).AddDays(index * 37 % 9000);
        var referred = new DateOnly(2025, 1, 6).AddDays(index % 300);
        var status = (index % 10) switch { 0 => "Referred", 1 => "Review", _ => "Accepted" };
        var accepted = status == "Referred" ? "" : Date(referred.AddDays(14));
        var review = status == "Referred" ? "" : Date(referred.AddDays(14 + 90));
        return
        [
            Reference(index, prefix), name, Date(born), index % 4 == 0 ? $"{name.Split(' ')[0][..3]} {name.Split(' ')[1]}" : "",
            index % 7 == 0 ? $"Victim {index} A; Victim {index} B" : $"Victim {index}", (index % 4).ToString(CultureInfo.InvariantCulture),
            (index % 3) switch { 0 => "Police", 1 => "MARAC", _ => "Other" }, Date(referred), status, accepted, review, caseManager ?? "",
        ];
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A CSV of <paramref name="count"/> cases; <paramref name="change"/> may alter any row's values first.</summary>
    public static byte[] Csv(int count, string prefix = "IMP", Action<int, string[]>? change = null, string? caseManager = null)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Headings.Select(Quote)).Append("\r\n");
        for (var i = 0; i < count; i++)
        {
            var row = Row(i, prefix, caseManager);
            change?.Invoke(i, row);
            text.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
