using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Meetings;

public interface IMeetingQueries
{
    Task<IReadOnlyList<MeetingSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default);
    Task<MeetingDetail> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
}

public sealed class MeetingQueries(IDbContextFactory<DapPanelDbContext> dbFactory) : IMeetingQueries
{
    public async Task<IReadOnlyList<MeetingSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panels = db.VisiblePanelIds(actor);
        var meetings = await Summaries(db.Meetings.Where(m => panels.Contains(m.PanelId)))
            .ToListAsync(cancellationToken);
        return meetings.OrderByDescending(m => m.StartsAt).ToList();
    }

    public async Task<MeetingDetail> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panels = db.VisiblePanelIds(actor);
        var meetingQuery = db.Meetings.Where(m => m.Id == meetingId && panels.Contains(m.PanelId));
        var summary = await Summaries(meetingQuery).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist or is not one of your panels'.");

        var showsNames = SeesNames(actor, summary.Status);
        var agenda = await db.AgendaItems.Where(i => i.MeetingId == meetingId)
            .OrderBy(i => i.Order)
            .Select(i => new AgendaItemView(i.Id, i.Order, i.CaseId, i.Case!.Reference, showsNames ? i.Case.Perpetrator.FullName : null,
                i.Kind, i.Case.RiskLevel, i.PlannedMinutes, i.Focus, i.IsDeferred,
                i.Decision == null ? null : i.Decision.Outcome))
            .ToListAsync(cancellationToken);

        var attendance = await db.Attendances.Where(a => a.MeetingId == meetingId)
            .OrderBy(a => a.Agency!.Name)
            .Select(a => new AttendanceView(a.Agency!.Name, a.Person == null ? null : a.Person.FullName, a.Status,
                a.IsObserver))
            .ToListAsync(cancellationToken);

        var panelId = await meetingQuery.Select(m => m.PanelId).SingleAsync(cancellationToken);
        var chairs = await db.PanelChairs.Where(c => c.PanelId == panelId)
            .Select(c => c.Person!.FullName).ToListAsync(cancellationToken);

        return new MeetingDetail(summary, agenda, attendance, chairs);
    }

    /// <summary>Managers see figures, not people; agencies see names once the case list is circulated to them.</summary>
    static bool SeesNames(Actor actor, MeetingStatus status) =>
        actor.IsAny(Role.Administrator, Role.Chair) || (actor.Is(Role.AgencyMember) && status != MeetingStatus.Draft);

    static IQueryable<MeetingSummary> Summaries(IQueryable<Meeting> meetings) =>
        meetings.Select(m => new MeetingSummary(m.Id, m.Panel!.Name, m.StartsAt, m.PlannedMinutes, m.Location,
            m.OnlineLink, m.Status,
            m.AgendaItems.Count(i => i.Kind == AgendaItemKind.NewReferral),
            m.AgendaItems.Count(i => i.Kind == AgendaItemKind.Review),
            m.AgendaItems.Count(i => i.Kind == AgendaItemKind.ClosureProposal)));
}
