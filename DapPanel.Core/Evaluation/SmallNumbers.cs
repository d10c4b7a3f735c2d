namespace DapPanel.Core.Evaluation;

/// <summary>
/// Small-number suppression as UK official statistics practise it: a count from 1 to 4 is shown as "&lt;5"
/// (primary); where a total or the other cells of a sum would give a hidden count away, the smallest other non-zero
/// count of that sum is withheld too (secondary, "[c]"). A percentage, reduction or average made from a hidden count,
/// or from 1 to 4 cases, is hidden with it.
/// </summary>
public static class SmallNumbers
{
    public const int Threshold = 5;

    public static bool IsSmall(int count) => count is > 0 and < Threshold;

    public static IReadOnlyDictionary<CellRef, Suppression> Suppress(FigureTable table)
    {
        var hidden = new Dictionary<CellRef, Suppression>();
        for (var r = 0; r < table.Rows.Count; r++)
        for (var c = 0; c < table.Rows[r].Length; c++)
        {
            var at = new CellRef(r, c);
            if (table[at] is CountCell { Value: var n } && IsSmall(n)) hidden[at] = Suppression.SmallNumber;
            // An average of 1 to 4 cases tells too much about them; it is withheld, not a count, so it is marked [c].
            if (table[at] is MeasureCell { Basis: var basis } && IsSmall(basis)) hidden[at] = Suppression.Secondary;
        }

        // A sum with exactly one hidden member (counting its total when the total is a cell) gives it away.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var sum in table.Sums)
            {
                var members = sum.TotalCell is { } total ? [.. sum.Parts, total] : sum.Parts.ToList();
                if (members.Count(hidden.ContainsKey) != 1) continue;
                var next = members.Where(m => !hidden.ContainsKey(m) && table[m] is CountCell { Value: > 0 })
                    .OrderBy(m => ((CountCell)table[m]).Value).ThenBy(m => m.Row).ThenBy(m => m.Column)
                    .Cast<CellRef?>().FirstOrDefault();
                if (next is not { } withheld) continue; // the rest are zeros: the total itself is what the hidden cell is
                hidden[withheld] = Suppression.Secondary;
                changed = true;
            }
        }

        // Whatever is worked out from a hidden count is withheld with it ([c]: it is not itself a count of 1 to 4).
        for (var r = 0; r < table.Rows.Count; r++)
        for (var c = 0; c < table.Rows[r].Length; c++)
        {
            var at = new CellRef(r, c);
            var from = table[at] switch
            {
                ShareCell s => s.DenominatorCell is { } d ? [s.Numerator, d] : new[] { s.Numerator },
                ReductionCell x => [x.Intake, x.Exit],
                _ => [],
            };
            if (from.Any(hidden.ContainsKey)) hidden[at] = Suppression.Secondary;
            // A share of a total from 1 to 4 shows the small total.
            if (table[at] is ShareCell { DenominatorCell: null, Denominator: var n } && IsSmall(n)) hidden[at] = Suppression.Secondary;
        }
        return hidden;
    }
}
