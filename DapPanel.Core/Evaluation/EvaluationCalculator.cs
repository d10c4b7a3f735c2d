using DapPanel.Core.Domain;

namespace DapPanel.Core.Evaluation;

/// <summary>
/// The evaluation's figures for one period, worked out from a panel's records. Shares are of everyone the figure is
/// about, missing records included (as the evaluation reports them: "60 %, n = 28/47"), and whatever is missing is
/// a row of its own, never counted as none.
/// </summary>
public static class EvaluationCalculator
{
    public const int RecommendedCaseload = 25;
    public const int DirectContactTargetFrom = 50, DirectContactTargetTo = 60;

    static readonly string[] Palette = ["#1f3a5f", "#3f7cac", "#95b8d1", "#c9d6df", "#8a8f98", "#b5651d"];
    static readonly AbuseSeverity[] IntakeLevels = [AbuseSeverity.High, AbuseSeverity.Moderate, AbuseSeverity.Standard];

    public static EvaluationResult Calculate(EvaluationRecords records, DateOnly from, DateOnly to)
    {
        var period = new Period(records, from, to);
        if (period.Worked.Count == 0) return new EvaluationResult(true, []);
        return new EvaluationResult(false,
        [
            Cohort(period), Needs(period), MultipleNeeds(period), Aces(period), WorkStatus(period), Engagement(period),
            InterventionsByType(period), InterventionsByAgency(period), BehaviourChange(period), Caseload(period),
            Closures(period), Footprint(period), Ethnicity(period), AgeAndSex(period), AbuseProfile(period),
        ]);
    }

    /// <summary>The cases the period's figures are about.</summary>
    sealed class Period
    {
        public Period(EvaluationRecords records, DateOnly from, DateOnly to)
        {
            (Records, From, To) = (records, from, to);
            var known = records.Cases.Where(c => c.AcceptedOn is { } a && a <= to).ToList();
            Worked = known.Where(c => c.ClosedOn is null || c.ClosedOn >= from).ToList();
            Accepted = Worked.Where(c => c.AcceptedOn >= from).ToList();
            Open = known.Where(c => c.ClosedOn is null || c.ClosedOn > to).ToList();
            Closed = known.Where(c => c.ClosedOn is { } d && d >= from && d <= to).ToList();
        }

        public EvaluationRecords Records { get; }
        public DateOnly From { get; }
        public DateOnly To { get; }
        /// <summary>Open for all or part of the period.</summary>
        public List<EvaluationCase> Worked { get; }
        /// <summary>Accepted in the period: the period's cohort.</summary>
        public List<EvaluationCase> Accepted { get; }
        /// <summary>Open at the end of the period.</summary>
        public List<EvaluationCase> Open { get; }
        public List<EvaluationCase> Closed { get; }

        public EvaluationUpdate? LatestUpdate(EvaluationCase c) => c.Updates.Where(u => u.On <= To).MaxBy(u => u.On);

        /// <summary>The most recent needs rating by the end of the period: a review's, or the intake record's.</summary>
        public NeedsRatings? LatestNeeds(EvaluationCase c)
        {
            var update = c.Updates.Where(u => u.Needs is not null && u.On <= To).MaxBy(u => u.On);
            if (update is not null && (c.Intake is null || update.On >= c.Intake.AssessedOn)) return update.Needs;
            return c.Intake is { } intake && intake.AssessedOn <= To ? intake.Needs : update?.Needs;
        }

        /// <summary>Direct contact was made at some point before the case closed (or by the end of the period).</summary>
        public bool HadDirectContact(EvaluationCase c)
        {
            var by = c.ClosedOn is { } closed && closed < To ? closed : To;
            return c.Updates.Any(u => u.On <= by && u.WorkStatus == CaseWorkStatus.DirectContact);
        }
    }

    static EvaluationFigure Cohort(Period p)
    {
        var table = new FigureTable("cohort", "Cohort", n => $"Cases accepted {Dates(p)}, with their victim-survivors and children and young people.",
            ["Measure", "Number"]);
        table.AddRow(Text("Perpetrators (cases accepted)"), Count(p.Accepted.Count));
        table.AddRow(Text("Victim-survivors"), Count(p.Accepted.Sum(c => c.Victims.Count)));
        table.AddRow(Text("Children and young people"), Count(p.Accepted.Sum(c => c.ChildrenCount)));
        table.AddRow(Text("Serial perpetrators (two or more victim-survivors)"), Count(p.Accepted.Count(c => c.Victims.Count >= 2)));
        table.AddRow(Text("Cases worked with in the period"), Count(p.Worked.Count));
        table.AddRow(Text("Cases open at the end of the period"), Count(p.Open.Count));
        table.AddRow(Text("Cases closed in the period"), Count(p.Closed.Count));
        return new("cohort", "Cohort", "Who the panel's cases concern, and how many it worked with.", [table],
            shown => Bars(shown[0], [0, 1, 2], "Number", "people"));
    }

    static EvaluationFigure Needs(Period p)
    {
        var n = p.Worked.Count;
        var latest = p.Worked.Select(p.LatestNeeds).ToList();
        var missing = latest.Count(x => x is null);
        var table = new FigureTable("needs", "Needs by area and level",
            c => $"n = {c(n)} cases worked with in the period; each case's latest needs rating by the end of the period. "
                + $"{c(missing)} had no needs rating at all.",
            ["Area of need", "High", "High %", "Medium", "Medium %", "Low", "Low %", "None", "Not known", "No needs rating"]);
        foreach (var area in Enum.GetValues<NeedArea>())
        {
            int Of(NeedLevel level) => latest.Count(x => x is not null && x[area] == level);
            var r = table.Rows.Count;
            table.AddRow(Text(area.Label()), Count(Of(NeedLevel.High)), Share(r, 1, n), Count(Of(NeedLevel.Medium)), Share(r, 3, n),
                Count(Of(NeedLevel.Low)), Share(r, 5, n), Count(Of(NeedLevel.None)), Count(Of(NeedLevel.NotKnown)), Count(missing));
            table.Sums.Add(new SumRule([new(r, 1), new(r, 3), new(r, 5), new(r, 7), new(r, 8), new(r, 9)], null, n));
        }
        return new("needs", "Needs by area and level", "The evaluation's Figure 1: how many cases have each need, and how great.",
            [table], shown => Stacked(shown[0], [(2, "High"), (4, "Medium"), (6, "Low")], "% of cases"));
    }

    static EvaluationFigure MultipleNeeds(Period p)
    {
        var n = p.Worked.Count;
        var latest = p.Worked.Select(p.LatestNeeds).ToList();
        var table = Distribution("multiple-needs", "Cases with three or more needs",
            c => $"n = {c(n)} cases worked with in the period. A need is an area rated low, medium or high; \"not known\" is not a need.",
            "Needs known", n,
            [
                ("Three or more", latest.Count(x => x?.KnownNeeds >= 3)),
                ("One or two", latest.Count(x => x?.KnownNeeds is 1 or 2)),
                ("None known", latest.Count(x => x?.KnownNeeds == 0)),
                ("No needs rating", latest.Count(x => x is null)),
            ]);
        return new("multiple-needs", "Three or more needs", "The share of cases presenting with three or more needs.", [table],
            shown => Bars(shown[0], [0, 1, 2, 3], "%", "% of cases", column: 2));
    }

    static EvaluationFigure Aces(Period p)
    {
        var cases = p.Closed.Where(p.HadDirectContact).ToList();
        var table = Distribution("aces", "Adverse Childhood Experiences (closed direct-contact cases)",
            c => $"n = {c(cases.Count)} cases closed in the period in which direct contact had been made.", "ACEs", cases.Count,
            [
                ("At least one ACE recorded", cases.Count(x => x.AdverseChildhoodExperiences > 0)),
                ("Recorded as none", cases.Count(x => x.AdverseChildhoodExperiences == 0)),
                ("Not recorded", cases.Count(x => x.AdverseChildhoodExperiences is null)),
            ]);
        return new("aces", "Adverse Childhood Experiences", "ACEs among closed cases with direct contact, where the record is most reliable.",
            [table], shown => Bars(shown[0], [0, 1, 2], "%", "% of cases", column: 2));
    }

    static EvaluationFigure WorkStatus(Period p)
    {
        var latest = p.Open.Select(c => p.LatestUpdate(c)?.WorkStatus).ToList();
        var table = Distribution("work-status", "Open cases by work status",
            c => $"n = {c(p.Open.Count)} cases open at the end of the period; each case's latest review update. "
                + $"Target: direct contact in {DirectContactTargetFrom}–{DirectContactTargetTo}% of open cases.",
            "Work status", p.Open.Count,
            [
                .. Enum.GetValues<CaseWorkStatus>().Select(s => (s.Label(), latest.Count(x => x == s))),
                ("No review update recorded", latest.Count(x => x is null)),
            ]);
        return new("work-status", "Direct contact among open cases", $"Direct contact against the {DirectContactTargetFrom}–{DirectContactTargetTo}% target.",
            [table], shown => Bars(shown[0], Enumerable.Range(0, shown[0].Rows.Count).ToArray(), "%", "% of open cases", column: 2)
                with { Target = new ChartBand("Target", DirectContactTargetFrom, DirectContactTargetTo) });
    }

    static EvaluationFigure Engagement(Period p)
    {
        var direct = p.Open.Select(c => p.LatestUpdate(c)).Where(u => u?.WorkStatus == CaseWorkStatus.DirectContact).ToList();
        var table = Distribution("engagement", "Engagement of open cases in direct contact",
            c => $"n = {c(direct.Count)} open cases whose latest update records direct contact.", "Engagement", direct.Count,
            [
                ("Fully engaging", direct.Count(u => u!.Engagement == EngagementStatus.Fully)),
                ("Partially engaging", direct.Count(u => u!.Engagement == EngagementStatus.Partially)),
                ("Not engaging", direct.Count(u => u!.Engagement == EngagementStatus.NotEngaging)),
                ("Not recorded", direct.Count(u => u!.Engagement == EngagementStatus.NotYetKnown)),
            ]);
        return new("engagement", "Engagement", "How those in direct contact are engaging.", [table],
            shown => Bars(shown[0], [0, 1, 2, 3], "%", "% of cases in direct contact", column: 2));
    }

    static List<EvaluationIntervention> Interventions(Period p) => p.Records.Cases
        .SelectMany(c => c.Updates).Where(u => u.On >= p.From && u.On <= p.To).SelectMany(u => u.Interventions).ToList();

    static EvaluationFigure InterventionsByType(Period p)
    {
        var all = Interventions(p);
        var table = Distribution("interventions-by-type", "Interventions by type",
            c => $"n = {c(all.Count)} multi-agency interventions recorded in review updates for meetings in the period "
                + "(behaviour-change sessions are counted separately).", "Type", all.Count,
            Enum.GetValues<InterventionKind>().Select(k => (k.Label(), all.Count(i => i.Kind == k))).ToList(), totalRow: true);
        return new("interventions-by-type", "Interventions by type", "Support, disrupt, or both combined.", [table],
            shown => Bars(shown[0], [0, 1, 2], "Number", "interventions"));
    }

    static EvaluationFigure InterventionsByAgency(Period p)
    {
        var all = Interventions(p);
        var rows = all.GroupBy(i => p.Records.AgencyNames.GetValueOrDefault(i.AgencyId, "Unknown agency"))
            .Select(g => (g.Key, g.Count())).OrderByDescending(r => r.Item2).ThenBy(r => r.Key).ToList();
        var table = Distribution("interventions-by-agency", "Interventions by agency",
            c => $"n = {c(all.Count)} interventions, each delivered jointly with the agency named.", "Agency", all.Count, rows, totalRow: true);
        return new("interventions-by-agency", "Interventions by agency", "Which agencies the interventions were delivered with.", [table],
            shown => Bars(shown[0], Enumerable.Range(0, rows.Count).ToArray(), "Number", "interventions"));
    }

    static EvaluationFigure BehaviourChange(Period p)
    {
        var sessions = p.Open.Select(c => c.Updates.Where(u => u.On <= p.To).Sum(u => u.BehaviourChangeSessions)).ToList();
        var withSessions = sessions.Where(s => s > 0).ToList();
        var table = new FigureTable("behaviour-change", "Behaviour change",
            c => $"n = {c(p.Open.Count)} cases open at the end of the period; sessions by the case manager alone, since acceptance.",
            ["Measure", "Number", "%"]);
        table.AddRow(Text("Open cases"), Count(p.Open.Count), Text(""));
        table.AddRow(Text("Open cases that have had behaviour-change sessions"), Count(withSessions.Count), new ShareCell(new(1, 1), new(0, 1), 0));
        table.AddRow(Text("Average sessions per case that has had them"),
            new MeasureCell(withSessions.Count == 0 ? null : withSessions.Average(), "0.0", withSessions.Count), Text(""));
        return new("behaviour-change", "Behaviour change", "The share of open cases that have had behaviour-change work, and how much.",
            [table], shown => Bars(shown[0], [0, 1], "Number", "cases"));
    }

    static EvaluationFigure Caseload(Period p)
    {
        var rows = p.Open.Where(c => c.CaseManagerPersonId is not null)
            .GroupBy(c => p.Records.CaseManagerNames.GetValueOrDefault(c.CaseManagerPersonId!.Value, "Unknown person"))
            .Select(g => (Name: g.Key, Count: g.Count())).OrderBy(r => r.Name).ToList();
        var unallocated = p.Open.Count(c => c.CaseManagerPersonId is null);
        var table = new FigureTable("caseload", "Caseload per case manager",
            c => $"n = {c(p.Open.Count)} cases open at the end of the period; the recommended caseload is at most {RecommendedCaseload}.",
            ["Case manager", "Open cases", "Against the recommended " + RecommendedCaseload]);
        var parts = new List<CellRef>();
        foreach (var (name, count) in rows)
        {
            parts.Add(new(table.AddRow(Text(name), Count(count), Text(count > RecommendedCaseload ? "Above" : "Within")), 1));
        }
        parts.Add(new(table.AddRow(Text("No case manager allocated"), Count(unallocated), Text("")), 1));
        var total = table.AddRow(Text("Total"), Count(p.Open.Count), Text(""));
        table.Sums.Add(new SumRule(parts, new(total, 1), 0));
        return new("caseload", "Caseload", $"Open cases per case manager against the recommended {RecommendedCaseload}.", [table],
            shown => Bars(shown[0], Enumerable.Range(0, rows.Count + 1).ToArray(), "Open cases", "open cases")
                with { Target = new ChartBand("Recommended maximum", 0, RecommendedCaseload) });
    }

    static EvaluationFigure Closures(Period p)
    {
        var reasons = Distribution("closure-reasons", "Closure reasons",
            c => $"n = {c(p.Closed.Count)} cases closed in the period.", "Reason", p.Closed.Count,
            [
                .. Enum.GetValues<ClosureReason>().Select(r => (r.Label(), p.Closed.Count(c => c.ClosureReason == r))),
                ("No reason recorded", p.Closed.Count(c => c.ClosureReason is null)),
            ], totalRow: true);
        var days = p.Closed.Select(c => (double)(c.ClosedOn!.Value.DayNumber - c.AcceptedOn!.Value.DayNumber)).ToList();
        var length = new FigureTable("closure-length", "Length before closure",
            c => $"n = {c(p.Closed.Count)} cases closed in the period.", ["Measure", "Value"]);
        length.AddRow(Text("Cases closed"), Count(p.Closed.Count));
        length.AddRow(Text("Average days from acceptance to closure"), new MeasureCell(days.Count == 0 ? null : days.Average(), "0", days.Count));
        return new("closures", "Closures", "Why cases closed, and after how long.", [reasons, length],
            shown => Bars(shown[0], Enumerable.Range(0, shown[0].Rows.Count - 1).ToArray(), "Number", "cases"));
    }

    static EvaluationFigure Footprint(Period p)
    {
        var known = p.Accepted.Select(c => c.Research.Where(r => r.On <= c.AcceptedOn).ToList()).ToList();
        var researched = known.Count(r => r.Count > 0);
        var knowing = known.Select(r => r.Where(x => x.Answer == ResearchAnswer.KnownToUs).Select(x => x.AgencyId).ToHashSet()).ToList();
        var spread = Distribution("footprint", "Perpetrator footprint",
            c => $"n = {c(p.Accepted.Count)} cases accepted in the period; agencies that knew the perpetrator before acceptance, "
                + "from their answers to the case list's research request.", "Known before acceptance to", p.Accepted.Count,
            [
                ("Two or more agencies", known.Select((r, i) => r.Count > 0 && knowing[i].Count >= 2).Count(x => x)),
                ("One agency", known.Select((r, i) => r.Count > 0 && knowing[i].Count == 1).Count(x => x)),
                ("No agency that answered", known.Select((r, i) => r.Count > 0 && knowing[i].Count == 0).Count(x => x)),
                ("No research answers recorded", known.Count(r => r.Count == 0)),
            ]);
        var byAgency = knowing.SelectMany(s => s).GroupBy(id => p.Records.AgencyNames.GetValueOrDefault(id, "Unknown agency"))
            .Select(g => (g.Key, g.Count())).OrderByDescending(r => r.Item2).ThenBy(r => r.Key).ToList();
        var agencies = new FigureTable("footprint-by-agency", "Agencies that knew the perpetrator",
            c => $"n = {c(researched)} cases accepted in the period with research answers; a perpetrator may be known to several.",
            ["Agency", "Perpetrators known", "%"]);
        foreach (var (name, count) in byAgency)
        {
            var r = agencies.Rows.Count;
            agencies.AddRow(Text(name), Count(count), Share(r, 1, researched));
        }
        return new("footprint", "Perpetrator footprint", "Agencies that knew the perpetrator before the panel accepted the case.",
            [spread, agencies], shown => Bars(shown[1], Enumerable.Range(0, byAgency.Count).ToArray(), "%", "% of researched cases", column: 2));
    }

    static EvaluationFigure Ethnicity(Period p)
    {
        var perpetrators = EthnicityTable("ethnicity-perpetrators", "Ethnicity of perpetrators", "perpetrators of cases accepted in the period",
            p.Accepted.Select(c => c.PerpetratorEthnicity).ToList(), p.Records.AreaProfile);
        var victims = EthnicityTable("ethnicity-victims", "Ethnicity of victim-survivors", "victim-survivors of cases accepted in the period",
            p.Accepted.SelectMany(c => c.Victims).Select(v => v.Ethnicity).ToList(), p.Records.AreaProfile);
        return new("ethnicity", "Ethnicity against the area", "Perpetrators and victim-survivors by ethnic group, beside the area's population.",
            [perpetrators, victims], shown =>
            {
                var rows = Enumerable.Range(0, Enum.GetValues<EthnicGroup>().Length + 1).ToArray();
                return new FigureChart(ChartKind.Bars, "%", rows.Select(r => shown[0].Rows[r][0].Text).ToList(),
                [
                    ChartSeries.FromColumn("Perpetrators", shown[0], rows, 2, Palette[0]),
                    ChartSeries.FromColumn("Victim-survivors", shown[1], rows, 2, Palette[1]),
                    ChartSeries.FromColumn("Area population", shown[0], rows, 3, Palette[4]),
                ]);
            });
    }

    static FigureTable EthnicityTable(string key, string title, string who, List<Ethnicity> people,
        IReadOnlyDictionary<EthnicGroup, decimal> area)
    {
        var recorded = people.Count(e => e.Group() is not null);
        var table = new FigureTable(key, title,
            c => $"n = {c(people.Count)} {who}; shares are of the {c(recorded)} whose ethnicity is recorded. "
                + (area.Count == 0 ? "The area's population profile has not been set for this panel." : "Area: the panel's population profile."),
            ["Ethnic group", "Number", "% of recorded", "Area %"]);
        var groups = new List<CellRef>();
        foreach (var group in Enum.GetValues<EthnicGroup>())
        {
            var r = table.Rows.Count;
            table.AddRow(Text(group.Label()), Count(people.Count(e => e.Group() == group)), Share(r, 1, recorded),
                new ReferenceCell(area.TryGetValue(group, out var pc) ? pc : null));
            groups.Add(new(r, 1));
        }
        var minority = table.Rows.Count;
        var nonWhite = Enum.GetValues<EthnicGroup>().Where(g => g != EthnicGroup.White).ToList();
        table.AddRow(Text("All groups but White"), Count(people.Count(e => e.Group() is { } g && g != EthnicGroup.White)),
            Share(minority, 1, recorded),
            new ReferenceCell(nonWhite.All(area.ContainsKey) && area.Count > 0 ? nonWhite.Sum(g => area[g]) : null));
        var notKnown = table.AddRow(Text("Not known"), Count(people.Count(e => e == Domain.Ethnicity.NotKnown)), Text(""), Text(""));
        var preferNot = table.AddRow(Text("Prefer not to say"), Count(people.Count(e => e == Domain.Ethnicity.PreferNotToSay)), Text(""), Text(""));
        table.Sums.Add(new SumRule([.. groups, new(notKnown, 1), new(preferNot, 1)], null, people.Count));
        table.Sums.Add(new SumRule(groups.Where(g => g.Row != (int)EthnicGroup.White).ToList(), new(minority, 1), 0));
        table.Sums.Add(new SumRule([new(minority, 1), new((int)EthnicGroup.White, 1), new(notKnown, 1), new(preferNot, 1)], null, people.Count));
        return table;
    }

    static readonly (string Label, int From, int To)[] AgeBands =
        [("Under 18", 0, 17), ("18–24", 18, 24), ("25–34", 25, 34), ("35–44", 35, 44), ("45–54", 45, 54), ("55–64", 55, 64), ("65 and over", 65, 200)];

    static EvaluationFigure AgeAndSex(Period p)
    {
        var perpetratorAges = p.Accepted.Select(c => Ethnicities.AgeOn(c.PerpetratorDateOfBirth, c.AcceptedOn!.Value)).ToList();
        var victimAges = p.Accepted.SelectMany(c => c.Victims.Select(v => Ethnicities.AgeOn(v.DateOfBirth, c.AcceptedOn!.Value))).ToList();
        var age = TwoColumns("age", "Age at acceptance", c => $"n = {c(perpetratorAges.Count)} perpetrators and {c(victimAges.Count)} victim-survivors of cases accepted in the period.",
            "Age", perpetratorAges.Count, victimAges.Count,
            [
                .. AgeBands.Select(b => (b.Label, perpetratorAges.Count(a => a >= b.From && a <= b.To), victimAges.Count(a => a >= b.From && a <= b.To))),
                ("Not known", perpetratorAges.Count(a => a is null), victimAges.Count(a => a is null)),
            ]);
        var perpetratorSex = p.Accepted.Select(c => c.PerpetratorSex).ToList();
        var victimSex = p.Accepted.SelectMany(c => c.Victims).Select(v => v.Sex).ToList();
        var sex = TwoColumns("sex", "Sex", c => $"n = {c(perpetratorSex.Count)} perpetrators and {c(victimSex.Count)} victim-survivors of cases accepted in the period.",
            "Sex", perpetratorSex.Count, victimSex.Count,
            [.. new[] { Sex.Female, Sex.Male, Sex.PreferNotToSay, Sex.NotKnown }.Select(s => (s.Label(), perpetratorSex.Count(x => x == s), victimSex.Count(x => x == s)))]);
        return new("age-sex", "Age and sex", "Perpetrators and victim-survivors of the period's cohort.", [age, sex],
            shown =>
            {
                var rows = Enumerable.Range(0, shown[0].Rows.Count).ToList();
                return new FigureChart(ChartKind.Bars, "Number", shown[0].Rows.Select(r => r[0].Text).ToList(),
                [
                    ChartSeries.FromColumn("Perpetrators", shown[0], rows, 1, Palette[0]),
                    ChartSeries.FromColumn("Victim-survivors", shown[0], rows, 2, Palette[1]),
                ]);
            });
    }

    static FigureTable TwoColumns(string key, string title, Func<Func<int, string>, string> note, string label, int first, int second,
        IReadOnlyList<(string Label, int First, int Second)> rows)
    {
        var table = new FigureTable(key, title, note, [label, "Perpetrators", "Victim-survivors"]);
        foreach (var (text, a, b) in rows) table.AddRow(Text(text), Count(a), Count(b));
        table.Sums.Add(new SumRule(Enumerable.Range(0, rows.Count).Select(r => new CellRef(r, 1)).ToList(), null, first));
        table.Sums.Add(new SumRule(Enumerable.Range(0, rows.Count).Select(r => new CellRef(r, 2)).ToList(), null, second));
        return table;
    }

    /// <summary>Appendix F: the Severity of Abuse Grid at intake and at exit, for victim-survivors of cases closed in the period.</summary>
    static EvaluationFigure AbuseProfile(Period p)
    {
        var direct = p.Closed.Where(p.HadDirectContact).ToList();
        var tables = new[]
        {
            SeverityTable(p, "abuse-profile-all", "Abuse profile, intake and exit: all closed cases", p.Closed),
            SeverityTable(p, "abuse-profile-direct", "Abuse profile, intake and exit: closed direct-contact cases", direct),
            SeverityTable(p, "abuse-profile-non-direct", "Abuse profile, intake and exit: closed non-direct-contact cases",
                p.Closed.Except(direct).ToList()),
        };
        return new("abuse-profile", "Severity of Abuse Grid outcomes",
            "Victim-survivors at each level of each abuse type at intake and at exit, and the % reduction (negative where the number rose), as Appendix F.",
            tables, shown =>
            {
                string[] groups = ["All closed", "Direct contact", "Non-direct contact"];
                var cells = shown.SelectMany(t => t.Rows).ToList();
                return new FigureChart(ChartKind.Heat, "% reduction",
                    groups.SelectMany(g => IntakeLevels.Select(l => $"{g} · {l.Label()}")).ToList(),
                    Enum.GetValues<AbuseType>().Select((t, i) => new ChartSeries(t.Label(), cells.Select(r => r[3 + 3 * i].Value).ToList(),
                        cells.Select(r => r[3 + 3 * i].Text).ToList(), Palette[0])).ToList());
            });
    }

    static FigureTable SeverityTable(Period p, string key, string title, List<EvaluationCase> cases)
    {
        var victims = cases.SelectMany(c => c.Victims.Select(v => (Case: c, Victim: v))).ToList();
        var compared = new List<(Dictionary<AbuseType, AbuseSeverity> Intake, Dictionary<AbuseType, AbuseSeverity> Exit)>();
        int noIntake = 0, noExit = 0;
        foreach (var (c, v) in victims)
        {
            var intake = c.Intake?.Severities.Where(s => s.VictimSurvivorId == v.Id).ToList();
            var exitUpdate = c.Updates.Where(u => u.On <= c.ClosedOn && u.Severities.Any(s => s.VictimSurvivorId == v.Id)).MaxBy(u => u.On);
            if (intake is not { Count: > 0 }) noIntake++;
            if (exitUpdate is null) noExit++;
            if (intake is not { Count: > 0 } || exitUpdate is null) continue;
            compared.Add((Grid(intake), Grid(exitUpdate.Severities.Where(s => s.VictimSurvivorId == v.Id))));
        }
        var headings = new List<string> { "Severity at intake" };
        foreach (var type in Enum.GetValues<AbuseType>())
            headings.AddRange([$"{Short(type)}: intake", $"{Short(type)}: exit", $"{Short(type)}: % reduction"]);
        var table = new FigureTable(key, title,
            c => $"n = {c(victims.Count)} victim-survivors of {c(cases.Count)} cases closed in the period; {c(compared.Count)} assessed at both intake and exit. "
                + $"Left out of the comparison: {c(noIntake)} without an intake assessment, {c(noExit)} without an exit assessment. "
                + "H&S: harassment and stalking; JCC: jealous, coercive and controlling.",
            headings);
        foreach (var level in IntakeLevels)
        {
            var r = table.Rows.Count;
            var cells = new List<FigureCell> { Text(level.Label()) };
            foreach (var (type, i) in Enum.GetValues<AbuseType>().Select((t, i) => (t, i)))
            {
                cells.Add(Count(compared.Count(x => x.Intake[type] == level)));
                cells.Add(Count(compared.Count(x => x.Exit[type] == level)));
                cells.Add(new ReductionCell(new(r, 1 + 3 * i), new(r, 2 + 3 * i)));
            }
            table.AddRow([.. cells]);
        }
        return table;
    }

    /// <summary>The abuse types as Appendix F heads its columns.</summary>
    static string Short(AbuseType type) => type switch
    {
        AbuseType.HarassmentAndStalking => "H&S",
        AbuseType.JealousCoerciveControlling => "JCC",
        _ => type.Label(),
    };

    static Dictionary<AbuseType, AbuseSeverity> Grid(IEnumerable<EvaluationSeverity> ratings)
    {
        var grid = Enum.GetValues<AbuseType>().ToDictionary(t => t, _ => AbuseSeverity.Unknown);
        foreach (var rating in ratings) grid[rating.AbuseType] = rating.Severity;
        return grid;
    }

    /// <summary>A label, a count and its share of n per row, the counts adding up to n (given in a total row, or in the note).</summary>
    static FigureTable Distribution(string key, string title, Func<Func<int, string>, string> note, string label, int n,
        IReadOnlyList<(string Label, int Count)> rows, bool totalRow = false)
    {
        var table = new FigureTable(key, title, note, [label, "Number", "%"]);
        foreach (var (text, count) in rows)
        {
            var r = table.Rows.Count;
            table.AddRow(Text(text), Count(count), Share(r, 1, n));
        }
        var parts = Enumerable.Range(0, rows.Count).Select(r => new CellRef(r, 1)).ToList();
        if (totalRow)
        {
            var total = table.AddRow(Text("Total"), Count(n), Share(rows.Count, 1, n));
            table.Sums.Add(new SumRule(parts, new(total, 1), n));
        }
        else table.Sums.Add(new SumRule(parts, null, n));
        return table;
    }

    static FigureChart Bars(ShownTable table, int[] rows, string unit, string name, int column = 1) =>
        new(ChartKind.Bars, unit, rows.Select(r => table.Rows[r][0].Text).ToList(), [ChartSeries.FromColumn(name, table, rows, column, Palette[0])]);

    static FigureChart Stacked(ShownTable table, (int Column, string Name)[] series, string unit)
    {
        var rows = Enumerable.Range(0, table.Rows.Count).ToList();
        return new(ChartKind.StackedBars, unit, table.Rows.Select(r => r[0].Text).ToList(),
            series.Select((s, i) => ChartSeries.FromColumn(s.Name, table, rows, s.Column, Palette[i])).ToList());
    }

    static string Dates(Period p) => $"from {p.From:d MMM yyyy} to {p.To:d MMM yyyy}";
    static TextCell Text(string text) => new(text);
    static CountCell Count(int n) => new(n);
    static ShareCell Share(int row, int column, int denominator) => new(new CellRef(row, column), null, denominator);
}

/// <summary>The period's figures; empty when no case was open at any time in it.</summary>
public sealed record EvaluationResult(bool IsEmpty, IReadOnlyList<EvaluationFigure> Figures);
