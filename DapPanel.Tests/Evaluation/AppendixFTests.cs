using DapPanel.Core.Domain;
using DapPanel.Core.Evaluation;
using static DapPanel.Tests.Evaluation.EvaluationDataset;

namespace DapPanel.Tests.Evaluation;

/// <summary>
/// The evaluation's Appendix F (Figures 2 to 4) from a dataset built to its shape: 40 victim-survivors of closed
/// direct-contact cases and 43 of closed non-direct-contact cases, whose intake and exit ratings give exactly the
/// published percentage reductions in all three tables at once.
/// </summary>
public class AppendixFTests
{
    static readonly DateOnly From = new(2019, 5, 9), To = new(2020, 3, 31);

    // Victim-survivors at each intake level at intake and at exit: (direct intake, direct exit, non-direct intake, non-direct exit).
    static readonly Dictionary<(AbuseType, AbuseSeverity), (int DirectIntake, int DirectExit, int OtherIntake, int OtherExit)> Counts = new()
    {
        [(AbuseType.Physical, AbuseSeverity.High)] = (21, 1, 22, 9),
        [(AbuseType.Physical, AbuseSeverity.Moderate)] = (3, 0, 6, 1),
        [(AbuseType.Physical, AbuseSeverity.Standard)] = (1, 0, 3, 2),
        [(AbuseType.Sexual, AbuseSeverity.High)] = (8, 0, 5, 3),
        [(AbuseType.Sexual, AbuseSeverity.Moderate)] = (1, 0, 2, 1),
        [(AbuseType.Sexual, AbuseSeverity.Standard)] = (2, 0, 0, 1),
        [(AbuseType.HarassmentAndStalking, AbuseSeverity.High)] = (13, 2, 14, 3),
        [(AbuseType.HarassmentAndStalking, AbuseSeverity.Moderate)] = (6, 0, 7, 3),
        [(AbuseType.HarassmentAndStalking, AbuseSeverity.Standard)] = (1, 2, 4, 5),
        [(AbuseType.JealousCoerciveControlling, AbuseSeverity.High)] = (18, 2, 22, 9),
        [(AbuseType.JealousCoerciveControlling, AbuseSeverity.Moderate)] = (4, 0, 5, 3),
        [(AbuseType.JealousCoerciveControlling, AbuseSeverity.Standard)] = (3, 2, 4, 2),
    };

    // As published: % reduction by intake level (rows) and abuse type (physical, sexual, H&S, JCC).
    static readonly string[][] AllClosed = [["77%", "77%", "81%", "73%"], ["89%", "67%", "77%", "67%"], ["50%", "50%", "-40%", "43%"]];
    static readonly string[][] DirectContact = [["95%", "100%", "85%", "89%"], ["100%", "100%", "100%", "100%"], ["100%", "100%", "-100%", "33%"]];
    static readonly string[][] NonDirectContact = [["59%", "40%", "79%", "59%"], ["83%", "50%", "57%", "40%"], ["33%", "–", "-25%", "50%"]];

    static EvaluationResult Build()
    {
        var data = new EvaluationDataset();
        AddGroup(data, 40, direct: true);
        AddGroup(data, 43, direct: false);
        return EvaluationCalculator.Calculate(data.Records, From, To);
    }

    /// <summary>One closed case per victim-survivor; each abuse type's intake and exit levels dealt out to them in turn.</summary>
    static void AddGroup(EvaluationDataset data, int victims, bool direct)
    {
        AbuseSeverity[] Dealt(AbuseType type, bool exit)
        {
            var levels = new List<AbuseSeverity>();
            foreach (var level in new[] { AbuseSeverity.High, AbuseSeverity.Moderate, AbuseSeverity.Standard })
            {
                var c = Counts[(type, level)];
                var n = (direct, exit) switch { (true, false) => c.DirectIntake, (true, true) => c.DirectExit, (false, false) => c.OtherIntake, _ => c.OtherExit };
                levels.AddRange(Enumerable.Repeat(level, n));
            }
            return [.. levels, .. Enumerable.Repeat(AbuseSeverity.None, victims - levels.Count)];
        }
        var intake = Enum.GetValues<AbuseType>().ToDictionary(t => t, t => Dealt(t, exit: false));
        var exit = Enum.GetValues<AbuseType>().ToDictionary(t => t, t => Dealt(t, exit: true));
        for (var v = 0; v < victims; v++)
        {
            var victim = Victim();
            var at = (AbuseType t, Dictionary<AbuseType, AbuseSeverity[]> grid) => grid[t][v];
            data.Add(Case(new(2019, 6, 1), new(2020, 2, 1), ClosureReason.RiskReduced, victims: [victim],
                intake: new(new(2019, 6, 3), new NeedsRatings(), Grid(victim, at(AbuseType.Physical, intake), at(AbuseType.Sexual, intake),
                    at(AbuseType.HarassmentAndStalking, intake), at(AbuseType.JealousCoerciveControlling, intake))),
                updates:
                [
                    Update(new(2019, 8, 1), direct ? CaseWorkStatus.DirectContact : CaseWorkStatus.BackgroundResearch),
                    Update(new(2020, 1, 28), CaseWorkStatus.PreClosure, severities: Grid(victim, at(AbuseType.Physical, exit), at(AbuseType.Sexual, exit),
                        at(AbuseType.HarassmentAndStalking, exit), at(AbuseType.JealousCoerciveControlling, exit))),
                ]));
        }
    }

    static string[][] Reductions(ShownTable table) =>
        table.Rows.Select(r => Enumerable.Range(0, 4).Select(t => r[3 + 3 * t].Text).ToArray()).ToArray();

    [Fact]
    public void All_closed_cases_reproduce_figure_2()
    {
        var table = Build().Table("abuse-profile-all");

        Assert.Equal(AllClosed, Reductions(table));
        Assert.StartsWith("n = 83 victim-survivors", table.Note);
        Assert.Equal(["High", "Moderate", "Standard"], table.Rows.Select(r => r[0].Text));
    }

    [Fact]
    public void Closed_direct_contact_cases_reproduce_figure_3()
    {
        var table = Build().Table("abuse-profile-direct");

        Assert.Equal(DirectContact, Reductions(table));
        Assert.StartsWith("n = 40 victim-survivors", table.Note);
    }

    [Fact]
    public void Closed_non_direct_contact_cases_reproduce_figure_4_including_the_dash_where_none_were_at_that_level()
    {
        var table = Build().Table("abuse-profile-non-direct");

        Assert.Equal(NonDirectContact, Reductions(table));
        Assert.StartsWith("n = 43 victim-survivors", table.Note);
    }

    [Fact]
    public void Suppressed_for_export_a_reduction_from_a_small_count_is_hidden_with_it()
    {
        var table = Build().Table("abuse-profile-non-direct", suppress: true);

        // Sexual abuse, high: 5 at intake, 3 at exit — the exit count is hidden and the 40 % it gives withheld.
        var high = table.Row("High");
        Assert.Equal(["5", "<5", "[c]"], high.Skip(3).Take(3));
        // Physical, high: 22 → 9, nothing small: shown as published.
        Assert.Equal(["22", "9", "59%"], high.Take(3));
    }
}
