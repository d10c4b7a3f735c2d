using DapPanel.Core.Domain;
using DapPanel.Core.Evaluation;

namespace DapPanel.Tests.Evaluation;

/// <summary>Builds a panel's evaluation records by hand, so a test can work its figures out by hand.</summary>
public sealed class EvaluationDataset
{
    public Dictionary<Guid, string> Agencies { get; } = [];
    public Dictionary<Guid, string> CaseManagers { get; } = [];
    public Dictionary<EthnicGroup, decimal> Area { get; } = [];
    public List<EvaluationCase> Cases { get; } = [];

    public Guid Agency(string name)
    {
        var id = Guid.NewGuid();
        Agencies[id] = name;
        return id;
    }

    public Guid CaseManager(string name)
    {
        var id = Guid.NewGuid();
        CaseManagers[id] = name;
        return id;
    }

    public EvaluationCase Add(EvaluationCase c)
    {
        Cases.Add(c);
        return c;
    }

    public EvaluationRecords Records => new(Cases, Agencies, CaseManagers, Area);

    public static EvaluationCase Case(DateOnly? accepted, DateOnly? closed = null, ClosureReason? reason = null, int children = 0,
        DateOnly? born = null, Sex sex = Sex.Male, Ethnicity ethnicity = Ethnicity.WhiteBritish, Guid? caseManager = null, int? aces = null,
        IReadOnlyList<EvaluationVictim>? victims = null, EvaluationIntake? intake = null, IReadOnlyList<EvaluationUpdate>? updates = null,
        IReadOnlyList<EvaluationResearch>? research = null) =>
        new(Guid.NewGuid(), accepted, closed, reason, children, born ?? new DateOnly(1985, 1, 1), sex, ethnicity, caseManager, aces,
            victims ?? [Victim()], intake, updates ?? [], research ?? []);

    public static EvaluationVictim Victim(Ethnicity ethnicity = Ethnicity.WhiteBritish, Sex sex = Sex.Female, DateOnly? born = null) =>
        new(Guid.NewGuid(), born, sex, ethnicity);

    public static EvaluationUpdate Update(DateOnly on, CaseWorkStatus status, EngagementStatus engagement = EngagementStatus.Fully,
        int sessions = 0, NeedsRatings? needs = null, IReadOnlyList<EvaluationIntervention>? interventions = null,
        IReadOnlyList<EvaluationSeverity>? severities = null) =>
        new(on, status, engagement, sessions, needs, interventions ?? [], severities ?? []);

    public static IReadOnlyList<EvaluationSeverity> Grid(EvaluationVictim victim, AbuseSeverity physical, AbuseSeverity sexual,
        AbuseSeverity harassment, AbuseSeverity coercive) =>
    [
        new(victim.Id, AbuseType.Physical, physical), new(victim.Id, AbuseType.Sexual, sexual),
        new(victim.Id, AbuseType.HarassmentAndStalking, harassment), new(victim.Id, AbuseType.JealousCoerciveControlling, coercive),
    ];

    public static NeedsRatings Needs(params (NeedArea Area, NeedLevel Level)[] ratings)
    {
        var needs = new NeedsRatings();
        foreach (var (area, level) in ratings) needs[area] = level;
        return needs;
    }
}

public static class ShownFigures
{
    public static ShownTable Table(this EvaluationResult result, string key, bool suppress = false) =>
        result.Figures.SelectMany(f => f.Tables).Single(t => t.Key == key).Show(suppress);

    /// <summary>The row whose first cell reads <paramref name="label"/>, as its cells' texts after the label.</summary>
    public static IReadOnlyList<string> Row(this ShownTable table, string label) =>
        table.Rows.Single(r => r[0].Text == label).Skip(1).Select(c => c.Text).ToList();
}
