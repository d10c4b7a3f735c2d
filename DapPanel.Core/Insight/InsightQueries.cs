using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

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

public sealed class InsightQueries(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, ILogger<InsightQueries>? logger = null)
    : IInsightQueries
{
    const string Viewing = "see panel insight";
    static readonly Role[] Viewers = [Role.Manager, Role.Chair, Role.Administrator];

    public async Task<IReadOnlyList<PanelOption>> PanelsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Viewing, Viewers);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.FiguresPanelIds(actor);
        return await db.Panels.AsNoTracking().Where(p => visible.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new PanelOption(p.Id, p.Name)).ToListAsync(cancellationToken);
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
        // Whole months come from the monthly counts; a part-month at either end is counted from the rows themselves.
        var (wholeMonths, edges) = Split(period);
        var casesTask = CasesHeardAsync(period, cancellationToken);
        var edgeTasks = edges.Select(edge => CountAsync(edge, cancellationToken)).ToList();
        var monthly = wholeMonths is var (first, last)
            ? await MonthlyCountsAsync(period.PanelId, first, last, cancellationToken)
            : ThroughputCounts.None;
        var counts = ThroughputCounts.Combine([monthly, .. await Task.WhenAll(edgeTasks)]);
        return Shape(await casesTask, counts, names);
    }

    /// <summary>The same figures counted from the rows alone, without the monthly counts.</summary>
    internal async Task<ThroughputInsight> LiveThroughputAsync(InsightPeriod period, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var casesTask = CasesHeardAsync(period, cancellationToken);
        var counts = await CountAsync(period, cancellationToken);
        return Shape(await casesTask, counts, names);
    }

    /// <summary>The whole local months inside the period, and the part-months before and after them.</summary>
    internal static ((DateOnly First, DateOnly Last)? WholeMonths, IReadOnlyList<InsightPeriod> Edges) Split(InsightPeriod period)
    {
        var firstWhole = period.From.Day == 1 ? period.From : new DateOnly(period.From.Year, period.From.Month, 1).AddMonths(1);
        var dayAfter = period.To.AddDays(1);
        var endWhole = dayAfter.Day == 1 ? dayAfter : new DateOnly(dayAfter.Year, dayAfter.Month, 1);
        if (firstWhole >= endWhole) return (null, [period]);
        var edges = new List<InsightPeriod>();
        if (period.From < firstWhole) edges.Add(period with { To = firstWhole.AddDays(-1) });
        if (endWhole <= period.To) edges.Add(period with { From = endWhole });
        return ((firstWhole, endWhole.AddMonths(-1)), edges);
    }

    // A case heard in two months is one case: this cannot be added up from months, so it is always counted.
    Task<int> CasesHeardAsync(InsightPeriod period, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        await using var own = await dbFactory.CreateDbContextAsync(cancellationToken);
        var heldIds = Held(own, period).Select(m => m.Id);
        return await own.AgendaItems.Where(i => heldIds.Contains(i.MeetingId) && !i.IsDeferred).Select(i => i.CaseId).Distinct()
            .CountAsync(cancellationToken);
    }, cancellationToken);

    /// <summary>Counts the period's throughput from the rows.</summary>
    async Task<ThroughputCounts> CountAsync(InsightPeriod period, CancellationToken cancellationToken)
    {
        // Independent counts, each on its own pooled connection: SQLite's WAL lets readers run side by side.
        Task<List<T>> Count<T>(Func<DapPanelDbContext, IQueryable<Guid>, IQueryable<Guid>, IQueryable<T>> query) => Task.Run(async () =>
        {
            await using var own = await dbFactory.CreateDbContextAsync(cancellationToken);
            var heldIds = Held(own, period).Select(m => m.Id);
            var itemIds = own.AgendaItems.Where(i => heldIds.Contains(i.MeetingId) && !i.IsDeferred).Select(i => i.Id);
            return await query(own, heldIds, itemIds).ToListAsync(cancellationToken);
        }, cancellationToken);

        var kindsTask = Count((d, held, _) => d.AgendaItems.Where(i => held.Contains(i.MeetingId) && !i.IsDeferred)
            .GroupBy(i => i.Kind).Select(g => new KindCount(g.Key, g.Count())));
        var outcomesTask = Count((d, _, items) => d.Decisions.Where(x => items.Contains(x.AgendaItemId))
            .GroupBy(x => x.Outcome).Select(g => new OutcomeCount(g.Key, g.Count())));
        var leversTask = Count((d, held, _) => d.Levers.Where(l => !l.IsWithdrawn && l.MeetingId != null && held.Contains(l.MeetingId.Value))
            .GroupBy(l => new { l.Family, l.Area, l.AgencyId })
            .Select(g => new { g.Key.Family, g.Key.Area, g.Key.AgencyId, Count = g.Count() }));
        var interventionsTask = Count((d, _, items) => d.Interventions
            .Where(x => d.ReviewUpdates.Where(r => items.Contains(r.AgendaItemId)).Select(r => r.Id).Contains(x.ReviewUpdateId))
            .GroupBy(x => new { x.Kind, x.AgencyId })
            .Select(g => new InterventionCount(g.Key.Kind, g.Key.AgencyId, g.Count())));
        var actionsTask = Count((d, _, items) => d.Actions.Where(a => items.Contains(a.AgendaItemId))
            .GroupBy(a => new { a.OwnerAgencyId, a.Status })
            .Select(g => new ActionCount(g.Key.OwnerAgencyId, g.Key.Status, g.Count())));
        var closuresTask = Count((d, _, items) => d.Decisions.Where(x => x.Outcome == DecisionOutcome.Close && items.Contains(x.AgendaItemId))
            .Join(d.AgendaItems, x => x.AgendaItemId, i => i.Id, (x, i) => new { x.ClosureReason, i.Case!.AcceptedOn, i.Case.ClosedOn }));
        await Task.WhenAll(kindsTask, outcomesTask, leversTask, interventionsTask, actionsTask, closuresTask);
        var closures = closuresTask.Result.GroupBy(c => c.ClosureReason).Select(g =>
        {
            var days = g.Where(c => c.AcceptedOn is not null && c.ClosedOn is not null)
                .Select(c => (long)(c.ClosedOn!.Value.DayNumber - c.AcceptedOn!.Value.DayNumber)).ToList();
            return new ClosureCount(g.Key, g.Count(), days.Count, days.Sum());
        }).ToList();
        // Stored by family and area, and by agency: the tables never need all three together.
        var leverAreas = leversTask.Result.GroupBy(l => (l.Family, l.Area)).Select(g => new LeverAreaCount(g.Key.Family, g.Key.Area, g.Sum(l => l.Count))).ToList();
        var leverAgencies = leversTask.Result.GroupBy(l => l.AgencyId).Select(g => new LeverAgencyCount(g.Key, g.Sum(l => l.Count))).ToList();
        return new ThroughputCounts(kindsTask.Result, outcomesTask.Result, leverAreas, leverAgencies, interventionsTask.Result,
            actionsTask.Result, closures);
    }

    /// <summary>The panel's counts for whole months, first computing any month not yet computed or changed since.</summary>
    async Task<ThroughputCounts> MonthlyCountsAsync(Guid panelId, DateOnly firstMonth, DateOnly lastMonth,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var computed = (await db.InsightMonths.AsNoTracking()
            .Where(m => m.PanelId == panelId && m.Month >= firstMonth && m.Month <= lastMonth).Select(m => m.Month)
            .ToListAsync(cancellationToken)).ToHashSet();
        var stale = await db.InsightStaleMonths.AsNoTracking()
            .Where(s => s.PanelId == panelId && s.Month >= firstMonth && s.Month <= lastMonth)
            .Select(s => new { s.Id, s.Month }).ToListAsync(cancellationToken);
        var due = new SortedSet<DateOnly>(stale.Select(s => s.Month));
        for (var month = firstMonth; month <= lastMonth; month = month.AddMonths(1))
            if (!computed.Contains(month)) due.Add(month);
        if (due.Count > 0 && !await RecomputeAsync(db, panelId, due, stale.Select(s => s.Id).ToList(), cancellationToken))
            return await CountAsync(new InsightPeriod(panelId, firstMonth, lastMonth.AddMonths(1).AddDays(-1)), cancellationToken);

        var rows = await db.InsightMonthlyCounts.AsNoTracking()
            .Where(c => c.PanelId == panelId && c.Month >= firstMonth && c.Month <= lastMonth)
            .GroupBy(c => new { c.Measure, c.Code, c.Detail, c.AgencyId })
            .Select(g => new InsightMonthlyCount
            {
                Measure = g.Key.Measure, Code = g.Key.Code, Detail = g.Key.Detail, AgencyId = g.Key.AgencyId,
                Count = g.Sum(c => c.Count), DurationCount = g.Sum(c => c.DurationCount), DurationSum = g.Sum(c => c.DurationSum),
            })
            .ToListAsync(cancellationToken);
        return ThroughputCounts.FromRows(rows);
    }

    /// <summary>
    /// Counts each due month from the rows and replaces its stored counts, removing the stale marks that were read
    /// before counting. False if another reading stored the same month at the same moment: then count live this time.
    /// </summary>
    async Task<bool> RecomputeAsync(DapPanelDbContext db, Guid panelId, IReadOnlyCollection<DateOnly> months,
        List<Guid> staleIds, CancellationToken cancellationToken)
    {
        var counted = new List<(DateOnly Month, ThroughputCounts Counts)>();
        foreach (var month in months)
            counted.Add((month, await CountAsync(new InsightPeriod(panelId, month, month.AddMonths(1).AddDays(-1)), cancellationToken)));
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var (month, counts) in counted)
            {
                await db.InsightMonthlyCounts.Where(c => c.PanelId == panelId && c.Month == month).ExecuteDeleteAsync(cancellationToken);
                await db.InsightMonths.Where(m => m.PanelId == panelId && m.Month == month).ExecuteDeleteAsync(cancellationToken);
                db.InsightMonthlyCounts.AddRange(counts.ToRows(panelId, month));
                db.InsightMonths.Add(new InsightMonth { PanelId = panelId, Month = month });
            }
            await db.InsightStaleMonths.Where(s => staleIds.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException race)
        {
            // Another reading stored these months first: this one counts them live (ADR 8).
            logger?.LogDebug(race, "Monthly insight counts of panel {PanelId} were stored by another reading", panelId);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    static ThroughputInsight Shape(int casesHeard, ThroughputCounts counts, Dictionary<Guid, string> names)
    {
        string Name(Guid id) => names.GetValueOrDefault(id, "Unknown agency");
        var (kinds, outcomes, levers, leverAgencies, interventions, actions, closures) = (counts.Kinds, counts.Outcomes,
            counts.LeverAreas, counts.LeverAgencies, counts.Interventions, counts.Actions, counts.Closures);
        int KindCount(AgendaItemKind kind) => kinds.Where(k => k.Kind == kind).Sum(k => k.Count);
        var withDuration = closures.Sum(c => c.DurationCount);

        return new ThroughputInsight(casesHeard, kinds.Sum(k => k.Count), KindCount(AgendaItemKind.NewReferral),
            KindCount(AgendaItemKind.Review), KindCount(AgendaItemKind.ClosureProposal),
            Enum.GetValues<DecisionOutcome>().Select(o => new CountRow(OutcomeLabel(o), outcomes.Where(x => x.Outcome == o).Sum(x => x.Count))).ToList(),
            Enum.GetValues<LeverFamily>().Select(f => new CountRow(f.Label(), levers.Where(l => l.Family == f).Sum(l => l.Count))).ToList(),
            levers.GroupBy(l => new { l.Family, l.Area }).OrderBy(g => g.Key.Family).ThenByDescending(g => g.Sum(l => l.Count))
                .ThenBy(g => g.Key.Area)
                .Select(g => new LeverAreaRow(g.Key.Family.Label(), g.Key.Area.Label(), g.Sum(l => l.Count))).ToList(),
            leverAgencies.GroupBy(l => Name(l.AgencyId)).Select(g => new CountRow(g.Key, g.Sum(l => l.Count)))
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
            closures.Sum(c => c.Count), withDuration == 0 ? null : (double)closures.Sum(c => c.DurationSum) / withDuration,
            closures.GroupBy(c => c.Reason).Select(g => new CountRow(g.Key?.Label() ?? "No reason recorded", g.Sum(c => c.Count)))
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
        if (!await db.FiguresPanelIds(actor).ContainsAsync(period.PanelId, cancellationToken))
        {
            await db.DisposeAsync();
            throw new NotFoundException("That panel does not exist or is not one of your panels.");
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
