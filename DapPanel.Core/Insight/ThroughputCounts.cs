using DapPanel.Core.Domain;

namespace DapPanel.Core.Insight;

sealed record KindCount(AgendaItemKind Kind, int Count);
sealed record OutcomeCount(DecisionOutcome Outcome, int Count);
sealed record LeverAreaCount(LeverFamily Family, LeverArea Area, int Count);
sealed record LeverAgencyCount(Guid AgencyId, int Count);
sealed record InterventionCount(InterventionKind Kind, Guid AgencyId, int Count);
sealed record ActionCount(Guid OwnerAgencyId, ActionStatus Status, int Count);
/// <summary>Closures with one reason: how many, and of those with both dates, how many and their days summed.</summary>
sealed record ClosureCount(ClosureReason? Reason, int Count, int DurationCount, long DurationSum);

/// <summary>A stretch of time's throughput before it is shaped into tables; stretches add up by putting their lists together.</summary>
sealed record ThroughputCounts(IReadOnlyList<KindCount> Kinds, IReadOnlyList<OutcomeCount> Outcomes,
    IReadOnlyList<LeverAreaCount> LeverAreas, IReadOnlyList<LeverAgencyCount> LeverAgencies,
    IReadOnlyList<InterventionCount> Interventions, IReadOnlyList<ActionCount> Actions, IReadOnlyList<ClosureCount> Closures)
{
    const int NoReason = -1;

    public static readonly ThroughputCounts None = new([], [], [], [], [], [], []);

    public static ThroughputCounts Combine(IEnumerable<ThroughputCounts> parts)
    {
        var all = parts.ToList();
        return new ThroughputCounts([.. all.SelectMany(p => p.Kinds)], [.. all.SelectMany(p => p.Outcomes)],
            [.. all.SelectMany(p => p.LeverAreas)], [.. all.SelectMany(p => p.LeverAgencies)], [.. all.SelectMany(p => p.Interventions)], [.. all.SelectMany(p => p.Actions)],
            [.. all.SelectMany(p => p.Closures)]);
    }

    public IEnumerable<InsightMonthlyCount> ToRows(Guid panelId, DateOnly month)
    {
        InsightMonthlyCount Row(InsightMeasure measure, int code, int count, int detail = 0, Guid agencyId = default) =>
            new() { PanelId = panelId, Month = month, Measure = measure, Code = code, Detail = detail, AgencyId = agencyId, Count = count };
        foreach (var k in Kinds) yield return Row(InsightMeasure.ItemKind, (int)k.Kind, k.Count);
        foreach (var o in Outcomes) yield return Row(InsightMeasure.Outcome, (int)o.Outcome, o.Count);
        foreach (var l in LeverAreas) yield return Row(InsightMeasure.LeverArea, (int)l.Family, l.Count, (int)l.Area);
        foreach (var l in LeverAgencies) yield return Row(InsightMeasure.LeverAgency, 0, l.Count, agencyId: l.AgencyId);
        foreach (var i in Interventions) yield return Row(InsightMeasure.Intervention, (int)i.Kind, i.Count, agencyId: i.AgencyId);
        foreach (var a in Actions) yield return Row(InsightMeasure.Action, (int)a.Status, a.Count, agencyId: a.OwnerAgencyId);
        foreach (var c in Closures)
        {
            var row = Row(InsightMeasure.Closure, c.Reason is { } reason ? (int)reason : NoReason, c.Count);
            (row.DurationCount, row.DurationSum) = (c.DurationCount, c.DurationSum);
            yield return row;
        }
    }

    public static ThroughputCounts FromRows(IReadOnlyList<InsightMonthlyCount> rows)
    {
        IEnumerable<InsightMonthlyCount> Of(InsightMeasure measure) => rows.Where(r => r.Measure == measure);
        return new ThroughputCounts(
            [.. Of(InsightMeasure.ItemKind).Select(r => new KindCount((AgendaItemKind)r.Code, r.Count))],
            [.. Of(InsightMeasure.Outcome).Select(r => new OutcomeCount((DecisionOutcome)r.Code, r.Count))],
            [.. Of(InsightMeasure.LeverArea).Select(r => new LeverAreaCount((LeverFamily)r.Code, (LeverArea)r.Detail, r.Count))],
            [.. Of(InsightMeasure.LeverAgency).Select(r => new LeverAgencyCount(r.AgencyId, r.Count))],
            [.. Of(InsightMeasure.Intervention).Select(r => new InterventionCount((InterventionKind)r.Code, r.AgencyId, r.Count))],
            [.. Of(InsightMeasure.Action).Select(r => new ActionCount(r.AgencyId, (ActionStatus)r.Code, r.Count))],
            [.. Of(InsightMeasure.Closure).Select(r => new ClosureCount(r.Code == NoReason ? null : (ClosureReason)r.Code, r.Count,
                r.DurationCount, r.DurationSum))]);
    }
}
