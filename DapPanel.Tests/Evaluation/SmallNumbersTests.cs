using DapPanel.Core.Evaluation;

namespace DapPanel.Tests.Evaluation;

/// <summary>Small-number suppression on crafted tables: primary (1 to 4), secondary (sums and totals), and what follows from them.</summary>
public class SmallNumbersTests
{
    static FigureTable Distribution(int total, params (string Label, int Count)[] rows)
    {
        var table = new FigureTable("t", "Crafted", c => $"n = {c(total)}", ["Label", "Number", "%"]);
        foreach (var (label, count) in rows)
        {
            var r = table.Rows.Count;
            table.AddRow(new TextCell(label), new CountCell(count), new ShareCell(new CellRef(r, 1), null, total));
        }
        var totalRow = table.AddRow(new TextCell("Total"), new CountCell(total), new ShareCell(new CellRef(rows.Length, 1), null, total));
        table.Sums.Add(new SumRule(Enumerable.Range(0, rows.Length).Select(r => new CellRef(r, 1)).ToList(), new CellRef(totalRow, 1), 0));
        return table;
    }

    static string[] Column(ShownTable table, int column) => table.Rows.Select(r => r[column].Text).ToArray();

    [Fact]
    public void Counts_from_1_to_4_are_hidden_and_0_and_5_are_not()
    {
        var shown = Distribution(40, ("none", 0), ("one", 1), ("four", 4), ("five", 5), ("thirty", 30)).Show(suppress: true);

        Assert.Equal("0", shown.Rows[0][1].Text);
        Assert.Equal("<5", shown.Rows[1][1].Text);
        Assert.Equal("<5", shown.Rows[2][1].Text);
        Assert.Equal("5", shown.Rows[3][1].Text);
        Assert.Equal(Suppression.SmallNumber, shown.Rows[1][1].Suppression);
        // Two small counts in one sum hide each other: no secondary needed; their shares are withheld with them.
        Assert.Equal(["0", "<5", "<5", "5", "30", "40"], Column(shown, 1));
        Assert.Equal(["0%", "[c]", "[c]", "13%", "75%", "100%"], Column(shown, 2));
    }

    [Fact]
    public void A_single_small_count_in_a_sum_takes_the_smallest_other_non_zero_count_with_it()
    {
        // 3 + 0 + 7 + 20 = 30: with only the 3 hidden, 30 − 0 − 7 − 20 gives it back.
        var shown = Distribution(30, ("a", 3), ("b", 0), ("c", 7), ("d", 20)).Show(suppress: true);

        Assert.Equal(["<5", "0", "[c]", "20", "30"], Column(shown, 1));
        Assert.Equal(Suppression.Secondary, shown.Rows[2][1].Suppression);
        Assert.Equal(["[c]", "0%", "[c]", "67%", "100%"], Column(shown, 2));
        Assert.True(shown.HasSuppressedCells);
    }

    [Fact]
    public void A_small_total_is_hidden_and_a_single_other_count_is_withheld_so_the_total_cannot_be_rebuilt()
    {
        // 0 + 3 = 3: the total is small; the 3 is small too: both hidden, nothing else to withhold.
        var shown = Distribution(3, ("a", 0), ("b", 3)).Show(suppress: true);

        Assert.Equal(["0", "<5", "<5"], Column(shown, 1));
        Assert.Equal("n = <5", shown.Note);
    }

    [Fact]
    public void Secondary_suppression_follows_on_across_overlapping_sums()
    {
        // Rows a + b = row total; columns too: hiding 2 in one sum forces a cell that sits in another sum.
        var table = new FigureTable("grid", "Grid", _ => "", ["", "x", "y", "Total"]);
        table.AddRow(new TextCell("a"), new CountCell(2), new CountCell(10), new CountCell(12));
        table.AddRow(new TextCell("b"), new CountCell(8), new CountCell(9), new CountCell(17));
        table.AddRow(new TextCell("Total"), new CountCell(10), new CountCell(19), new CountCell(29));
        for (var r = 0; r < 3; r++) table.Sums.Add(new SumRule([new(r, 1), new(r, 2)], new CellRef(r, 3), 0));
        for (var c = 1; c < 4; c++) table.Sums.Add(new SumRule([new(0, c), new(1, c)], new CellRef(2, c), 0));

        var shown = table.Show(suppress: true);

        // The 2 is hidden; in its row the 10 is withheld; in its column the 8; the 8's row then the 9, whose column is complete.
        Assert.Equal("<5", shown.Rows[0][1].Text);
        Assert.Equal("[c]", shown.Rows[0][2].Text);
        Assert.Equal("[c]", shown.Rows[1][1].Text);
        Assert.Equal("[c]", shown.Rows[1][2].Text);
        foreach (var sum in table.Sums)
        {
            var members = sum.TotalCell is { } t ? [.. sum.Parts, t] : sum.Parts.ToList();
            Assert.NotEqual(1, members.Count(m => shown.Rows[m.Row][m.Column].Suppression != Suppression.None));
        }
    }

    [Fact]
    public void An_average_of_fewer_than_five_is_hidden_and_a_reference_figure_never_is()
    {
        var table = new FigureTable("m", "Measures", _ => "", ["", "Value"]);
        table.AddRow(new TextCell("Average of 3"), new MeasureCell(12.5, "0.0", 3));
        table.AddRow(new TextCell("Average of 9"), new MeasureCell(12.5, "0.0", 9));
        table.AddRow(new TextCell("Area"), new ReferenceCell(2.5m));

        var shown = table.Show(suppress: true);

        Assert.Equal(["[c]", "12.5", "2.5%"], Column(shown, 1));
    }

    [Fact]
    public void Unsuppressed_shows_every_count_as_it_is()
    {
        var shown = Distribution(30, ("a", 3), ("b", 0), ("c", 7), ("d", 20)).Show(suppress: false);

        Assert.Equal(["3", "0", "7", "20", "30"], Column(shown, 1));
        Assert.False(shown.HasSuppressedCells);
    }
}
