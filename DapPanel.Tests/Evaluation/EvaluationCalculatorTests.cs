using DapPanel.Core.Domain;
using DapPanel.Core.Evaluation;
using static DapPanel.Tests.Evaluation.EvaluationDataset;

namespace DapPanel.Tests.Evaluation;

/// <summary>
/// Every figure on a small panel worked out by hand: four cases open at some time in the first half of 2026 (A, B, C,
/// F), one closed before it (D) and one accepted after it (E), with missing records of every kind.
/// </summary>
public class EvaluationCalculatorTests
{
    static readonly DateOnly From = new(2026, 1, 1), To = new(2026, 6, 30);

    static EvaluationResult Calculate(EvaluationDataset data) => EvaluationCalculator.Calculate(data.Records, From, To);

    /// <summary>The hand-built panel, with the figures the comments work out.</summary>
    static EvaluationDataset HandBuilt()
    {
        var data = new EvaluationDataset();
        var (csc, police, idva) = (data.Agency("Children's Social Care"), data.Agency("Police"), data.Agency("IDVA service"));
        var (ann, bob) = (data.CaseManager("Ann Case"), data.CaseManager("Bob Case"));
        data.Area[EthnicGroup.Asian] = 17.5m; data.Area[EthnicGroup.Black] = 22.6m; data.Area[EthnicGroup.Mixed] = 7.6m;
        data.Area[EthnicGroup.White] = 48.4m; data.Area[EthnicGroup.Other] = 3.9m;

        // A: accepted in the period and open at its end; direct contact, three needs known, known to two agencies.
        var a1 = Victim(Ethnicity.BlackAfrican, born: new DateOnly(1990, 5, 1));
        data.Add(Case(new(2026, 1, 10), children: 2, born: new DateOnly(1980, 3, 1), caseManager: ann, victims: [a1],
            intake: new(new(2026, 1, 12), Needs((NeedArea.ChildrenFamiliesAndParenting, NeedLevel.High), (NeedArea.SubstanceMisuseDrugs, NeedLevel.Medium),
                (NeedArea.MentalHealthAndWellbeing, NeedLevel.Low), (NeedArea.Housing, NeedLevel.None)), []),
            updates:
            [
                Update(new(2026, 2, 10), CaseWorkStatus.DirectContact, EngagementStatus.Fully, 2,
                    interventions: [new(InterventionKind.Combined, csc), new(InterventionKind.Support, police)]),
                Update(new(2026, 4, 7), CaseWorkStatus.DirectContact, EngagementStatus.Partially, 1, interventions: [new(InterventionKind.Disrupt, police)]),
            ],
            research: [new(new(2026, 1, 10), csc, ResearchAnswer.KnownToUs), new(new(2026, 1, 10), police, ResearchAnswer.KnownToUs),
                new(new(2026, 1, 10), idva, ResearchAnswer.NotKnown)]));

        // B: accepted and closed in the period (108 days), direct contact, two ACEs; its second victim-survivor has no exit grid.
        var (b1, b2) = (Victim(Ethnicity.WhiteBritish, born: new DateOnly(2000, 1, 1)), Victim(Ethnicity.NotKnown, Sex.NotKnown));
        data.Add(Case(new(2026, 2, 1), new(2026, 5, 20), ClosureReason.ServiceUserDisengaged, born: new DateOnly(1995, 2, 1),
            ethnicity: Ethnicity.AsianIndian, caseManager: bob, aces: 2, victims: [b1, b2],
            intake: new(new(2026, 2, 3), Needs((NeedArea.ChildrenFamiliesAndParenting, NeedLevel.Medium)),
                [.. Grid(b1, AbuseSeverity.High, AbuseSeverity.None, AbuseSeverity.Moderate, AbuseSeverity.High),
                 .. Grid(b2, AbuseSeverity.Moderate, AbuseSeverity.Unknown, AbuseSeverity.Unknown, AbuseSeverity.Unknown)]),
            updates:
            [
                Update(new(2026, 3, 3), CaseWorkStatus.DirectContact, EngagementStatus.Fully, 3, interventions: [new(InterventionKind.Combined, idva)]),
                Update(new(2026, 5, 19), CaseWorkStatus.PreClosure, EngagementStatus.NotEngaging,
                    severities: Grid(b1, AbuseSeverity.None, AbuseSeverity.None, AbuseSeverity.Moderate, AbuseSeverity.Moderate)),
            ]));

        // C: accepted before the period, open, no case manager, no intake record, no needs.
        data.Add(Case(new(2025, 11, 1), victims: [Victim(Ethnicity.WhiteIrish)],
            updates: [Update(new(2026, 1, 20), CaseWorkStatus.BackgroundResearch, EngagementStatus.NotEngaging, interventions: [new(InterventionKind.Disrupt, police)])]));

        // D: closed before the period; E: accepted after it. Neither counts anywhere.
        data.Add(Case(new(2025, 6, 1), new(2025, 12, 1), ClosureReason.RiskReduced, children: 5, aces: 4,
            updates: [Update(new(2025, 7, 1), CaseWorkStatus.DirectContact, interventions: [new(InterventionKind.Support, csc)])]));
        data.Add(Case(new(2026, 7, 15), children: 3));

        // F: accepted and closed in the period (102 days) without a reason, never in direct contact; physical abuse rose.
        var f1 = Victim(Ethnicity.PreferNotToSay, born: new DateOnly(1960, 1, 1));
        data.Add(Case(new(2026, 3, 1), new(2026, 6, 11), children: 1, born: DateOnly.MinValue, sex: Sex.Female, ethnicity: Ethnicity.NotKnown,
            caseManager: ann, victims: [f1],
            intake: new(new(2026, 3, 2), Needs([.. Enum.GetValues<NeedArea>().Select(a => (a, NeedLevel.None))]),
                Grid(f1, AbuseSeverity.Standard, AbuseSeverity.None, AbuseSeverity.None, AbuseSeverity.None)),
            updates:
            [
                Update(new(2026, 4, 1), CaseWorkStatus.OnHold, EngagementStatus.NotEngaging),
                Update(new(2026, 6, 9), CaseWorkStatus.PreClosure, EngagementStatus.NotEngaging,
                    severities: Grid(f1, AbuseSeverity.High, AbuseSeverity.None, AbuseSeverity.None, AbuseSeverity.None)),
            ],
            research: [new(new(2026, 2, 24), csc, ResearchAnswer.NotKnown)]));
        return data;
    }

    [Fact]
    public void The_cohort_counts_cases_accepted_in_the_period_with_their_people()
    {
        var cohort = Calculate(HandBuilt()).Table("cohort");

        Assert.Equal(["3"], cohort.Row("Perpetrators (cases accepted)")); // A, B, F
        Assert.Equal(["4"], cohort.Row("Victim-survivors")); // 1 + 2 + 1
        Assert.Equal(["3"], cohort.Row("Children and young people")); // 2 + 0 + 1
        Assert.Equal(["1"], cohort.Row("Serial perpetrators (two or more victim-survivors)")); // B
        Assert.Equal(["4"], cohort.Row("Cases worked with in the period")); // A, B, C, F
        Assert.Equal(["2"], cohort.Row("Cases open at the end of the period")); // A, C
        Assert.Equal(["2"], cohort.Row("Cases closed in the period")); // B, F
    }

    [Fact]
    public void Needs_use_each_case_s_latest_rating_and_count_not_known_and_missing_apart_from_none()
    {
        var result = Calculate(HandBuilt());
        var needs = result.Table("needs");

        // Of 4 cases worked with: A high, B medium, F none, C no rating at all.
        Assert.Equal(["1", "25%", "1", "25%", "0", "0%", "1", "0", "1"], needs.Row("Children, families and parenting"));
        // A medium, F none, B not known, C missing.
        Assert.Equal(["0", "0%", "1", "25%", "0", "0%", "1", "1", "1"], needs.Row("Substance misuse — drugs"));
        Assert.StartsWith("n = 4 cases", needs.Note);
        Assert.Contains("1 had no needs rating", needs.Note);

        var multiple = result.Table("multiple-needs");
        Assert.Equal(["1", "25%"], multiple.Row("Three or more")); // A: high, medium and low
        Assert.Equal(["1", "25%"], multiple.Row("One or two")); // B
        Assert.Equal(["1", "25%"], multiple.Row("None known")); // F: all none
        Assert.Equal(["1", "25%"], multiple.Row("No needs rating")); // C
    }

    [Fact]
    public void A_later_review_s_needs_replace_the_intake_rating()
    {
        var data = new EvaluationDataset();
        data.Add(Case(new(2026, 1, 5), intake: new(new(2026, 1, 6), Needs((NeedArea.Housing, NeedLevel.High)), []),
            updates: [Update(new(2026, 3, 1), CaseWorkStatus.DirectContact, needs: Needs((NeedArea.Housing, NeedLevel.Low)))]));

        var housing = EvaluationCalculator.Calculate(data.Records, From, new DateOnly(2026, 2, 28)).Table("needs").Row("Housing");
        var later = EvaluationCalculator.Calculate(data.Records, From, To).Table("needs").Row("Housing");

        Assert.Equal("1", housing[0]); // by the end of February only the intake rating (high) exists
        Assert.Equal(["0", "0%", "0", "0%", "1", "100%", "0", "0", "0"], later); // by June the review rated it low
    }

    [Fact]
    public void Aces_are_counted_among_closed_direct_contact_cases_and_not_recorded_is_never_none()
    {
        var data = HandBuilt();
        var contact = new DateOnly(2026, 2, 1);
        foreach (var aces in new int?[] { null, 0, 0, 3 })
            data.Add(Case(new(2026, 1, 2), new(2026, 5, 1), ClosureReason.RiskReduced, aces: aces,
                updates: [Update(contact, CaseWorkStatus.DirectContact)]));

        var table = Calculate(data).Table("aces");

        // B (2 ACEs) and the four above: n = 5.
        Assert.Equal(["2", "40%"], table.Row("At least one ACE recorded"));
        Assert.Equal(["2", "40%"], table.Row("Recorded as none"));
        Assert.Equal(["1", "20%"], table.Row("Not recorded"));
        Assert.StartsWith("n = 5 cases closed", table.Note);
    }

    [Fact]
    public void Direct_contact_engagement_and_behaviour_change_read_each_open_case_s_latest_update()
    {
        var result = Calculate(HandBuilt());

        var status = result.Table("work-status");
        Assert.Equal(["1", "50%"], status.Row("Direct contact made")); // A
        Assert.Equal(["1", "50%"], status.Row("Additional background research")); // C
        Assert.Equal(["0", "0%"], status.Row("No review update recorded"));
        Assert.Contains("Target: direct contact in 50–60%", status.Note);

        var engagement = result.Table("engagement");
        Assert.Equal(["1", "100%"], engagement.Row("Partially engaging")); // A's latest update, not its first
        Assert.Equal(["0", "0%"], engagement.Row("Fully engaging"));

        var behaviour = result.Table("behaviour-change");
        Assert.Equal(["2", ""], behaviour.Row("Open cases"));
        Assert.Equal(["1", "50%"], behaviour.Row("Open cases that have had behaviour-change sessions")); // A: 2 + 1
        Assert.Equal(["3.0", ""], behaviour.Row("Average sessions per case that has had them"));
    }

    [Fact]
    public void A_case_with_no_update_is_shown_as_missing_not_as_any_status()
    {
        var data = new EvaluationDataset();
        data.Add(Case(new(2026, 1, 5)));

        Assert.Equal(["1", "100%"], Calculate(data).Table("work-status").Row("No review update recorded"));
    }

    [Fact]
    public void Interventions_in_the_period_by_type_and_by_agency()
    {
        var result = Calculate(HandBuilt());

        // A: combined (CSC), support (police), disrupt (police); B: combined (IDVA); C: disrupt (police). D's was in 2025.
        var types = result.Table("interventions-by-type");
        Assert.Equal(["1", "20%"], types.Row("Support"));
        Assert.Equal(["2", "40%"], types.Row("Disrupt"));
        Assert.Equal(["2", "40%"], types.Row("Support and disrupt combined"));
        Assert.Equal(["5", "100%"], types.Row("Total"));

        var agencies = result.Table("interventions-by-agency");
        Assert.Equal(["Police", "Children's Social Care", "IDVA service", "Total"], agencies.Rows.Select(r => r[0].Text));
        Assert.Equal(["3", "60%"], agencies.Row("Police"));
    }

    [Fact]
    public void Caseload_counts_open_cases_per_case_manager_and_those_without_one()
    {
        var data = HandBuilt();
        var busy = data.CaseManager("Cath Busy");
        for (var i = 0; i < 26; i++) data.Add(Case(new(2026, 1, 5), caseManager: busy));

        var caseload = Calculate(data).Table("caseload");

        Assert.Equal(["1", "Within"], caseload.Row("Ann Case")); // A; F closed
        Assert.Equal(["26", "Above"], caseload.Row("Cath Busy"));
        Assert.Equal(["1", ""], caseload.Row("No case manager allocated")); // C
        Assert.Equal(["28", ""], caseload.Row("Total"));
        Assert.DoesNotContain(caseload.Rows, r => r[0].Text == "Bob Case"); // B is closed
    }

    [Fact]
    public void Closures_by_reason_with_no_reason_shown_and_the_average_length()
    {
        var result = Calculate(HandBuilt());

        var reasons = result.Table("closure-reasons");
        Assert.Equal(["1", "50%"], reasons.Row("Service user disengaged"));
        Assert.Equal(["1", "50%"], reasons.Row("No reason recorded"));
        Assert.Equal(["0", "0%"], reasons.Row("Risk reduced")); // D closed in 2025
        Assert.Equal(["2", "100%"], reasons.Row("Total"));
        // B: 1 Feb to 20 May = 108 days; F: 1 Mar to 11 Jun = 102 days.
        Assert.Equal(["105"], result.Table("closure-length").Row("Average days from acceptance to closure"));
    }

    [Fact]
    public void The_footprint_is_the_agencies_that_knew_the_perpetrator_before_acceptance()
    {
        var result = Calculate(HandBuilt());

        var spread = result.Table("footprint");
        Assert.Equal(["1", "33%"], spread.Row("Two or more agencies")); // A: CSC and police
        Assert.Equal(["0", "0%"], spread.Row("One agency"));
        Assert.Equal(["1", "33%"], spread.Row("No agency that answered")); // F: CSC did not know him
        Assert.Equal(["1", "33%"], spread.Row("No research answers recorded")); // B

        var agencies = result.Table("footprint-by-agency");
        Assert.Equal(["1", "50%"], agencies.Row("Children's Social Care")); // of the 2 researched
        Assert.Equal(["1", "50%"], agencies.Row("Police"));
    }

    [Fact]
    public void Ethnicity_is_set_beside_the_area_with_not_known_and_prefer_not_to_say_counted_apart()
    {
        var result = Calculate(HandBuilt());

        var perpetrators = result.Table("ethnicity-perpetrators");
        Assert.Equal(["1", "50%", "17.5%"], perpetrators.Row("Asian, Asian British or Asian Welsh")); // B, of the 2 recorded
        Assert.Equal(["1", "50%", "48.4%"], perpetrators.Row("White")); // A
        Assert.Equal(["1", "50%", "51.6%"], perpetrators.Row("All groups but White"));
        Assert.Equal(["1", "", ""], perpetrators.Row("Not known")); // F

        var victims = result.Table("ethnicity-victims");
        Assert.Equal(["1", "50%", "22.6%"], victims.Row("Black, Black British, Black Welsh, Caribbean or African"));
        Assert.Equal(["1", "", ""], victims.Row("Not known"));
        Assert.Equal(["1", "", ""], victims.Row("Prefer not to say"));
    }

    [Fact]
    public void Without_an_area_profile_the_area_column_is_missing_and_the_note_says_so()
    {
        var data = HandBuilt();
        data.Area.Clear();

        var table = Calculate(data).Table("ethnicity-perpetrators");

        Assert.Equal("–", table.Row("White")[2]);
        Assert.Contains("has not been set", table.Note);
    }

    [Fact]
    public void Age_at_acceptance_and_sex_with_unknowns_counted()
    {
        var result = Calculate(HandBuilt());

        var age = result.Table("age");
        Assert.Equal(["1", "1"], age.Row("25–34")); // B (31); victim of B (26)
        Assert.Equal(["0", "1"], age.Row("35–44")); // victim of A (35)
        Assert.Equal(["1", "0"], age.Row("45–54")); // A (45)
        Assert.Equal(["0", "1"], age.Row("65 and over")); // victim of F (66)
        Assert.Equal(["1", "1"], age.Row("Not known")); // F's date of birth unknown; B's second victim-survivor

        var sex = result.Table("sex");
        Assert.Equal(["1", "3"], sex.Row("Female"));
        Assert.Equal(["2", "0"], sex.Row("Male"));
        Assert.Equal(["0", "1"], sex.Row("Not known"));
    }

    [Fact]
    public void The_abuse_profile_compares_intake_and_exit_for_victims_with_both_and_counts_the_rest_as_missing()
    {
        var result = Calculate(HandBuilt());

        // Closed: B (direct; b1 compared, b2 has no exit grid) and F (not direct; f1 compared).
        var all = result.Table("abuse-profile-all");
        Assert.Contains("n = 3 victim-survivors of 2 cases", all.Note);
        Assert.Contains("2 assessed at both intake and exit", all.Note);
        Assert.Contains("0 without an intake assessment, 1 without an exit assessment", all.Note);
        // Physical: high b1 → f1 (1 → 1, 0 %); moderate none; standard f1 → none (1 → 0, 100 %).
        Assert.Equal(["1", "1", "0%"], all.Row("High").Take(3));
        Assert.Equal(["0", "0", "–"], all.Row("Moderate").Take(3));
        Assert.Equal(["1", "0", "100%"], all.Row("Standard").Take(3));
        // Coercive control: b1 high → moderate: high 1 → 0 (100 %), moderate 0 → 1 (no reduction to give).
        Assert.Equal(["1", "0", "100%"], all.Row("High").Skip(9));
        Assert.Equal(["0", "1", "–"], all.Row("Moderate").Skip(9));

        var direct = result.Table("abuse-profile-direct");
        Assert.Equal(["1", "0", "100%"], direct.Row("High").Take(3)); // b1's physical abuse
        Assert.Contains("n = 2 victim-survivors of 1 cases", direct.Note);

        var nonDirect = result.Table("abuse-profile-non-direct");
        Assert.Equal(["0", "1", "–"], nonDirect.Row("High").Take(3)); // f1's physical abuse rose to high
        Assert.Equal(["1", "0", "100%"], nonDirect.Row("Standard").Take(3));
    }

    [Fact]
    public void A_rise_shows_as_a_negative_reduction()
    {
        var data = new EvaluationDataset();
        for (var i = 0; i < 5; i++)
        {
            var victim = Victim();
            var rose = i < 2;
            data.Add(Case(new(2026, 1, 5), new(2026, 5, 5), ClosureReason.RiskReduced, victims: [victim],
                intake: new(new(2026, 1, 6), new NeedsRatings(), Grid(victim, AbuseSeverity.None, AbuseSeverity.None,
                    rose ? AbuseSeverity.None : AbuseSeverity.Standard, AbuseSeverity.None)),
                updates: [Update(new(2026, 5, 1), CaseWorkStatus.PreClosure, severities: Grid(victim, AbuseSeverity.None, AbuseSeverity.None,
                    AbuseSeverity.Standard, AbuseSeverity.None))]));
        }

        // Harassment and stalking at standard: 3 at intake, 5 at exit: (3 − 5) ÷ 3 = −67 %.
        Assert.Equal(["3", "5", "-67%"], Calculate(data).Table("abuse-profile-all").Row("Standard").Skip(6).Take(3));
    }

    [Fact]
    public void A_period_with_no_case_open_in_it_has_no_figures_at_all()
    {
        var result = EvaluationCalculator.Calculate(HandBuilt().Records, new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31));

        Assert.True(result.IsEmpty);
        Assert.Empty(result.Figures);
    }

    [Fact]
    public void Small_numbers_are_hidden_when_shown_suppressed()
    {
        var cohort = Calculate(HandBuilt()).Table("cohort", suppress: true);

        Assert.Equal(["<5"], cohort.Row("Perpetrators (cases accepted)"));
        Assert.All(cohort.Rows, r => Assert.Equal("<5", r[1].Text));
    }
}
