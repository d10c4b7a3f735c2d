namespace DapPanel.App.Pdf;

/// <summary>A column: its heading and its share of the table's width.</summary>
public sealed record PdfColumn(string Title, double Weight = 1);

/// <summary>
/// A table the layout draws with wrapped cells; when it breaks across pages its header row is drawn again.
/// <see cref="Plain"/> tables have no header or rules (label and value pairs).
/// </summary>
public sealed class PdfTable(params PdfColumn[] columns)
{
    public IReadOnlyList<PdfColumn> Columns { get; } = columns;
    public List<PdfRow> Rows { get; } = [];
    public bool Plain { get; init; }

    /// <summary>A small label above the table, kept on the same page as its header row.</summary>
    public string? Caption { get; init; }

    /// <summary>A small note under the table (what it counts, its n), never parted from the table's last row.</summary>
    public string? Note { get; init; }

    public PdfTable Row(params string?[] cells) => Add(new PdfRow(cells));

    public PdfTable Add(PdfRow row)
    {
        if (row.Cells.Count != Columns.Count)
            throw new ArgumentException($"A row of this table has {Columns.Count} cells, not {row.Cells.Count}.");
        Rows.Add(row);
        return this;
    }
}

/// <summary>A row's cells; a style overrides the table's text style for the whole row, or per cell.</summary>
public sealed record PdfRow(IReadOnlyList<string?> Cells, PdfStyle? Style = null, IReadOnlyList<PdfStyle?>? CellStyles = null)
{
    public PdfStyle? StyleOf(int column) => CellStyles?.ElementAtOrDefault(column) ?? Style;
}
