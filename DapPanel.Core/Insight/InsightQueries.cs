using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Insight;

/// <summary>Managers' view of a panel: attendance by agency and what the panel got through. Counts and rates only.</summary>
public interface IInsightQueries
{
    Task<IReadOnlyList<PanelOption>> PanelsAsync(Actor actor, CancellationToken cancellationToken = default);
    Task<AttendanceInsight> AttendanceAsync(Actor actor, InsightPeriod period, CancellationToken cancellationToken = default);
    Task<ThroughputInsight> ThroughputAsync(Actor actor, InsightPeriod period, CancellationToken cancellationToken = default);
    /// <summary>One table as CSV; audited as an export.</summary>
    Task<InsightExport> ExportAsync(Actor actor, string table, InsightPeriod period, CancellationToken cancellationToken = default);
}

public sealed class InsightQueries(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit) : IInsightQueries
{
    const string Viewing = "see panel insight";
    static readonly Role[] Viewers = [Role.Manager, Role.Chair, Role.Administrator];

    public async Task<IReadOnlyList<PanelOption>> PanelsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Viewing, Viewers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Panels.AsNoTracking().OrderBy(p => p.Name).Select(p => new PanelOption(p.Id, p.Name))
            .ToListAsync(cancellationToken);
    }

    public async Task<AttendanceInsight> AttendanceAsync(Actor actor, InsightPeriod period, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(actor, period, cancellationToken);
        return await AttendanceAsync(db, period, cancellationToken);
    }

    internal static async Task<AttendanceInsight> AttendanceAsync(DapPanelDbContext db, InsightPeriod period,
        CancellationToken cancellationToken)
    {
        var held = Held(db, period);
        var meetings = await held.OrderBy(m => m.StartsAt).Select(m => new HeldMeeting(m.Id, m.StartsAt)).ToListAsync(cancellationToken);
        var agencies = await db.PanelMemberships.AsNoTracking().Where(m => m.PanelId == period.PanelId)
            .Select(m => new MemberAgency(m.AgencyId, m.Agency!.Name, m.IsCore, m.JoinedOn)).ToListAsync(cancellationToken);
        var lines = await db.Attendances.AsNoTracking()
            .Where(a => !a.IsObserver && held.Select(m => m.Id).Contains(a.MeetingId))
            .Select(a => new AttendanceLine(a.MeetingId, a.AgencyId, a.Status, a.JoinedAt)).ToListAsync(cancellationToken);
        // An observer's line still shows that attendance was taken at that meeting.
        var observedOnly = await db.Attendances.AsNoTracking()
            .Where(a => a.IsObserver && held.Select(m => m.Id).Contains(a.MeetingId))
            .Select(a => a.MeetingId).Distinct().ToListAsync(cancellationToken);
        var recorded = lines.Select(l => l.MeetingId).ToHashSet();
        foreach (var meetingId in observedOnly.Where(id => !recorded.Contains(id)))
            lines.Add(new AttendanceLine(meetingId, Guid.Empty, AttendanceStatus.Absent, null));
        return AttendanceCalculator.Calculate(meetings, agencies, lines);
    }

    public async Task<ThroughputInsight> ThroughputAsync(Actor actor, InsightPeriod period, CancellationToken cancellationToken = default)
    {
        await using var db = await OpenAsync(actor, period, cancellationToken);
        var names = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        string Name(Guid id) => names.GetValueOrDefault(id, "Unknown agency");

        // Independent counts, each on its own pooled connection: SQLite's WAL lets readers run side by side.
        Task<List<T>> Count<T>(Func<DapPanelDbContext, IQueryable<Guid>, IQueryable<Guid>, IQueryable<T>> query) => Task.Run(async () =>
        {
            await using var own = await dbFactory.CreateDbContextAsync(cancellationToken);
            var heldIds = Held(own, period).Select(m => m.Id);
            var itemIds = own.AgendaItems.Where(i => heldIds.Contains(i.MeetingId) && !i.IsDeferred).Select(i => i.Id);
            return await query(own, heldIds, itemIds).ToListAsync(cancellationToken);
        }, cancellationToken);

        var kindsTask = Count((d, held, _) => d.AgendaItems.Where(i => held.Contains(i.MeetingId) && !i.IsDeferred)
            .GroupBy(i => i.Kind).Select(g => new { g.Key, Count = g.Count() }));
        var casesTask = Task.Run(async () =>
        {
            await using var own = await dbFactory.CreateDbContextAsync(cancellationToken);
            var heldIds = Held(own, period).Select(m => m.Id);
            return await own.AgendaItems.Where(i => heldIds.Contains(i.MeetingId) && !i.IsDeferred).Select(i => i.CaseId).Distinct()
                .CountAsync(cancellationToken);
        }, cancellationToken);
        var outcomesTask = Count((d, _, items) => d.Decisions.Where(x => items.Contains(x.AgendaItemId))
            .GroupBy(x => x.Outcome).Select(g => new { g.Key, Count = g.Count() }));
        var leversTask = Count((d, held, _) => d.Levers.Where(l => !l.IsWithdrawn && l.MeetingId != null && held.Contains(l.MeetingId.Value))
            .GroupBy(l => new { l.Family, l.Area, l.AgencyId })
            .Select(g => new { g.Key.Family, g.Key.Area, g.Key.AgencyId, Count = g.Count() }));
        var interventionsTask = Count((d, _, items) => d.Interventions
            .Where(x => d.ReviewUpdates.Where(r => items.Contains(r.AgendaItemId)).Select(r => r.Id).Contains(x.ReviewUpdateId))
            .GroupBy(x => new { x.Kind, x.AgencyId })
            .Select(g => new { g.Key.Kind, g.Key.AgencyId, Count = g.Count() }));
        var actionsTask = Count((d, _, items) => d.Actions.Where(a => items.Contains(a.AgendaItemId))
            .GroupBy(a => new { a.OwnerAgencyId, a.Status })
            .Select(g => new { g.Key.OwnerAgencyId, g.Key.Status, Count = g.Count() }));
        var closuresTask = Count((d, _, items) => d.Decisions.Where(x => x.Outcome == DecisionOutcome.Close && items.Contains(x.AgendaItemId))
            .Join(d.AgendaItems, x => x.AgendaItemId, i => i.Id, (x, i) => new { x.ClosureReason, i.Case!.AcceptedOn, i.Case.ClosedOn }));
        await Task.WhenAll(kindsTask, casesTask, outcomesTask, leversTask, interventionsTask, actionsTask, closuresTask);
        var (kinds, outcomes, levers, interventions, actions, closures) =
            (kindsTask.Result, outcomesTask.Result, leversTask.Result, interventionsTask.Result, actionsTask.Result, closuresTask.Result);
        var casesHeard = casesTask.Result;

        int KindCount(AgendaItemKind kind) => kinds.Where(k => k.Key == kind).Sum(k => k.Count);
        var durations = closures.Where(c => c.AcceptedOn is not null && c.ClosedOn is not null)
            .Select(c => c.ClosedOn!.Value.DayNumber - c.AcceptedOn!.Value.DayNumber).ToList();

        return new ThroughputInsight(casesHeard, kinds.Sum(k => k.Count), KindCount(AgendaItemKind.NewReferral),
            KindCount(AgendaItemKind.Review), KindCount(AgendaItemKind.ClosureProposal),
            Enum.GetValues<DecisionOutcome>().Select(o => new CountRow(OutcomeLabel(o), outcomes.Where(x => x.Key == o).Sum(x => x.Count))).ToList(),
            Enum.GetValues<LeverFamily>().Select(f => new CountRow(f.Label(), levers.Where(l => l.Family == f).Sum(l => l.Count))).ToList(),
            levers.GroupBy(l => new { l.Family, l.Area }).OrderBy(g => g.Key.Family).ThenByDescending(g => g.Sum(l => l.Count))
                .Select(g => new LeverAreaRow(g.Key.Family.Label(), g.Key.Area.Label(), g.Sum(l => l.Count))).ToList(),
            levers.GroupBy(l => Name(l.AgencyId)).Select(g => new CountRow(g.Key, g.Sum(l => l.Count)))
                .OrderByDescending(r => r.Count).ThenBy(r => r.Label).ToList(),
            Enum.GetValues<InterventionKind>().Select(k => new CountRow(k.Label(), interventions.Where(x => x.Kind == k).Sum(x => x.Count))).ToList(),
            interventions.GroupBy(x => Name(x.AgencyId)).Select(g => new InterventionAgencyRow(g.Key,
                    g.Where(x => x.Kind == InterventionKind.Support).Sum(x => x.Count),
                    g.Where(x => x.Kind == InterventionKind.Disrupt).Sum(x => x.Count),
                    g.Where(x => x.Kind == InterventionKind.Combined).Sum(x => x.Count)))
                .OrderByDescending(r => r.Total).ThenBy(r => r.AgencyName).ToList(),
            actions.GroupBy(a => Name(a.OwnerAgencyId)).Select(g => new ActionAgencyRow(g.Key, g.Sum(a => a.Count),
                    g.Where(a => a.Status == ActionStatus.Done).Sum(a => a.Count),
                    g.Where(a => a.Status == ActionStatus.NotDoneCircumstancesChanged).Sum(a => a.Count),
                    g.Where(a => a.Status == ActionStatus.NotDoneAgencyDidNotAct).Sum(a => a.Count),
                    g.Where(a => a.Status == ActionStatus.Open).Sum(a => a.Count)))
                .OrderBy(r => r.AgencyName).ToList(),
            closures.Count, durations.Count == 0 ? null : durations.Average(),
            closures.GroupBy(c => c.ClosureReason).Select(g => new CountRow(g.Key?.Label() ?? "No reason recorded", g.Count()))
                .OrderByDescending(r => r.Count).ThenBy(r => r.Label).ToList());
    }

    public async Task<InsightExport> ExportAsync(Actor actor, string table, InsightPeriod period,
        CancellationToken cancellationToken = default)
    {
        actor.Require("export panel insight", Viewers);
        if (!InsightTables.Keys.Contains(table))
            throw new NotFoundException("There is no insight table by that name; use a link from the insight page.");
        var panelName = await PanelNameAsync(period, cancellationToken);
        var tables = InsightTables.IsAttendance(table)
            ? InsightTables.For(await AttendanceAsync(actor, period, cancellationToken))
            : InsightTables.For(await ThroughputAsync(actor, period, cancellationToken));
        var chosen = tables.Single(t => t.Key == table);
        await audit.RecordAsync(actor, AuditAction.Exported,
            $"Exported insight \"{chosen.Title}\" for {panelName}, {period.From:d MMM yyyy} to {period.To:d MMM yyyy} ({chosen.Rows.Count} rows)",
            cancellationToken: cancellationToken);
        return new InsightExport($"{table}-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv", InsightCsv.Write(chosen));
    }

    public static string OutcomeLabel(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Accept => "Accepted",
        DecisionOutcome.NotSuitable => "Not suitable",
        DecisionOutcome.Review => "Brought back for review",
        DecisionOutcome.Close => "Closed",
        DecisionOutcome.Extend => "Extended beyond 12 months",
        _ => outcome.ToString(),
    };

    async Task<DapPanelDbContext> OpenAsync(Actor actor, InsightPeriod period, CancellationToken cancellationToken)
    {
        actor.Require(Viewing, Viewers);
        period.Validate();
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Panels.AnyAsync(p => p.Id == period.PanelId, cancellationToken))
        {
            await db.DisposeAsync();
            throw new NotFoundException("That panel does not exist.");
        }
        return db;
    }

    async Task<string> PanelNameAsync(InsightPeriod period, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Panels.Where(p => p.Id == period.PanelId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
    }

    /// <summary>The panel's meetings that took place in the period (live or closed).</summary>
    static IQueryable<Meeting> Held(DapPanelDbContext db, InsightPeriod period)
    {
        var from = PanelTime.At(period.From, TimeOnly.MinValue);
        var to = PanelTime.At(period.To.AddDays(1), TimeOnly.MinValue);
        return db.Meetings.AsNoTracking().Where(m => m.PanelId == period.PanelId && m.StartsAt >= from && m.StartsAt < to
            && (m.Status == MeetingStatus.Live || m.Status == MeetingStatus.Closed));
    }
}
