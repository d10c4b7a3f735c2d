using System.Globalization;

namespace DapPanel.Core.Evaluation;

/// <summary>A cell's place in a <see cref="FigureTable"/>: row and column, counting the label column as 0.</summary>
public readonly record struct CellRef(int Row, int Column);

/// <summary>What a figure's table holds before small numbers are suppressed.</summary>
public abstract record FigureCell;

public sealed record TextCell(string Text) : FigureCell;

/// <summary>A count of people or cases: 1 to 4 is a small number.</summary>
public sealed record CountCell(int Value) : FigureCell;

/// <summary>A percentage of a count in the table over a count in the table or a total given in the table's n.</summary>
public sealed record ShareCell(CellRef Numerator, CellRef? DenominatorCell, int Denominator) : FigureCell;

/// <summary>The Severity of Abuse Grid's change: (intake − exit) ÷ intake, negative when the count rose.</summary>
public sealed record ReductionCell(CellRef Intake, CellRef Exit) : FigureCell;

/// <summary>An average or other measure worked out from <paramref name="Basis"/> people or cases.</summary>
public sealed record MeasureCell(double? Value, string Format, int Basis) : FigureCell;

/// <summary>A figure given for comparison (the area's population), never suppressed.</summary>
public sealed record ReferenceCell(decimal? Percent) : FigureCell;

/// <summary>Cells that add up to a total shown elsewhere (a cell, or the table's n): one hidden cell alone would show.</summary>
public sealed record SumRule(IReadOnlyList<CellRef> Parts, CellRef? TotalCell, int Total);

/// <summary>
/// One table of the evaluation with its cells as numbers, and the sums a reader could use to work back to a hidden
/// cell. <see cref="Show"/> turns it into text, suppressing small numbers or not.
/// </summary>
public sealed class FigureTable(string key, string title, Func<Func<int, string>, string> note, IReadOnlyList<string> headings)
{
    public string Key { get; } = key;
    public string Title { get; } = title;
    /// <summary>The table's n and what is missing from it, in words; its counts are written through the function given.</summary>
    public Func<Func<int, string>, string> Note { get; } = note;
    public IReadOnlyList<string> Headings { get; } = headings;
    public List<FigureCell[]> Rows { get; } = [];
    public List<SumRule> Sums { get; } = [];

    public int AddRow(params FigureCell[] cells)
    {
        if (cells.Length != Headings.Count)
            throw new ArgumentException($"A row of \"{Title}\" has {Headings.Count} cells, not {cells.Length}.");
        Rows.Add(cells);
        return Rows.Count - 1;
    }

    public FigureCell this[CellRef at] => Rows[at.Row][at.Column];

    public ShownTable Show(bool suppress)
    {
        var hidden = suppress ? SmallNumbers.Suppress(this) : new Dictionary<CellRef, Suppression>();
        var rows = Rows.Select((row, r) => (IReadOnlyList<ShownCell>)row.Select((cell, c) => ShowCell(cell, new CellRef(r, c), hidden)).ToList()).ToList();
        var note = Note(n => suppress && SmallNumbers.IsSmall(n) ? ShownCell.SmallNumberText : n.ToString("N0", Numbers.British));
        return new ShownTable(Key, Title, note, Headings, rows, suppress);
    }

    ShownCell ShowCell(FigureCell cell, CellRef at, IReadOnlyDictionary<CellRef, Suppression> hidden)
    {
        if (hidden.TryGetValue(at, out var why)) return ShownCell.Hidden(why);
        return cell switch
        {
            TextCell t => new ShownCell(t.Text, null, CellKind.Text),
            CountCell n => new ShownCell(n.Value.ToString("N0", Numbers.British), n.Value, CellKind.Count),
            ShareCell s => Numbers.Share(Value(s.Numerator), s.DenominatorCell is { } d ? Value(d) : s.Denominator),
            ReductionCell x => Numbers.Reduction(Value(x.Intake), Value(x.Exit)),
            MeasureCell m => m.Value is { } v ? new ShownCell(v.ToString(m.Format, Numbers.British), v, CellKind.Measure) : ShownCell.Missing,
            ReferenceCell p => p.Percent is { } pc ? new ShownCell(pc.ToString("0.0", Numbers.British) + "%", (double)pc, CellKind.Percent) : ShownCell.Missing,
            _ => ShownCell.Missing,
        };
    }

    int Value(CellRef at) => this[at] is CountCell c ? c.Value : throw new InvalidOperationException($"{Title}: {at} is not a count.");
}

public enum CellKind { Text, Count, Percent, Measure, Hidden, Missing }

public enum Suppression { None, SmallNumber, Secondary }

/// <summary>A cell as shown: its text, its number when it has one (null when hidden or not a number), and what it is.</summary>
public sealed record ShownCell(string Text, double? Value, CellKind Kind, Suppression Suppression = Suppression.None)
{
    public const string SmallNumberText = "<5";
    /// <summary>ONS's mark for a cell withheld so that a small number cannot be worked out from a total.</summary>
    public const string SecondaryText = "[c]";

    public static ShownCell Missing { get; } = new("–", null, CellKind.Missing);

    public static ShownCell Hidden(Suppression why) =>
        new(why == Suppression.SmallNumber ? SmallNumberText : SecondaryText, null, CellKind.Hidden, why);
}

/// <summary>A figure's table as people read it, on screen and in every export.</summary>
public sealed record ShownTable(string Key, string Title, string Note, IReadOnlyList<string> Headings,
    IReadOnlyList<IReadOnlyList<ShownCell>> Rows, bool Suppressed)
{
    public bool HasSuppressedCells => Rows.Any(r => r.Any(c => c.Suppression != Suppression.None));

    public IReadOnlyList<string> Texts(int row) => Rows[row].Select(c => c.Text).ToList();
}

static class Numbers
{
    public static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Whole per cent, halves away from zero (49.5 % shows as 50 %), as the evaluation rounds.</summary>
    public static int WholePercent(double fraction) => (int)Math.Round(fraction * 100, MidpointRounding.AwayFromZero);

    public static ShownCell Share(int numerator, int denominator) => denominator == 0
        ? ShownCell.Missing
        : Percent((double)numerator / denominator);

    public static ShownCell Reduction(int intake, int exit) => intake == 0
        ? ShownCell.Missing
        : Percent((double)(intake - exit) / intake);

    static ShownCell Percent(double fraction)
    {
        var whole = WholePercent(fraction);
        return new ShownCell(whole.ToString(British) + "%", whole, CellKind.Percent);
    }
}
