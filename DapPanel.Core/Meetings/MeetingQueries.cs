using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Meetings;

public interface IMeetingQueries
{
    /// <summary>The meetings of the person's panels, or of one of them when <paramref name="panelId"/> names it.</summary>
    Task<IReadOnlyList<MeetingSummary>> ListAsync(Actor actor, Guid? panelId = null, CancellationToken cancellationToken = default);
    Task<MeetingDetail> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
}

public sealed class MeetingQueries(IDbContextFactory<DapPanelDbContext> dbFactory, NeedToKnow needToKnow, IAuditLog audit)
    : IMeetingQueries
{
    public async Task<IReadOnlyList<MeetingSummary>> ListAsync(Actor actor, Guid? panelId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panels = db.VisiblePanelIds(actor);
        var meetings = await Summaries(db, db.Meetings.Where(m => panels.Contains(m.PanelId) && (panelId == null || m.PanelId == panelId)))
            .ToListAsync(cancellationToken);
        return meetings.OrderByDescending(m => m.StartsAt).ToList();
    }

    public async Task<MeetingDetail> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panels = db.VisiblePanelIds(actor);
        var meetingQuery = db.Meetings.Where(m => m.Id == meetingId && panels.Contains(m.PanelId));
        var summary = await Summaries(db, meetingQuery).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist or is not one of your panels'.");
        var panelId = await meetingQuery.Select(m => m.PanelId).SingleAsync(cancellationToken);

        var shown = await ShownAsync(actor, panelId, summary.Status, cancellationToken);
        var items = db.AgendaItems.Where(i => i.MeetingId == meetingId).OrderBy(i => i.Order);
        var agenda = shown switch
        {
            AgendaShown.Cases => await items
                .Select(i => new AgendaItemView(i.Id, i.Order, i.CaseId, i.Case!.Reference, i.Case.Perpetrator.FullName,
                    i.Kind, i.Case.RiskLevel, i.PlannedMinutes, i.Focus, i.IsDeferred,
                    i.Decision == null ? null : i.Decision.Outcome))
                .ToListAsync(cancellationToken),
            // Managers oversee the panel's work: the agenda's shape, not its people or what was decided about them.
            AgendaShown.Shape => await items
                .Select(i => new AgendaItemView(i.Id, i.Order, i.CaseId, i.Case!.Reference, null,
                    i.Kind, i.Case.RiskLevel, i.PlannedMinutes, null, i.IsDeferred, null))
                .ToListAsync(cancellationToken),
            _ => [],
        };

        var attendance = await db.Attendances.Where(a => a.MeetingId == meetingId)
            .OrderBy(a => a.Agency!.Name)
            .Select(a => new AttendanceView(a.Agency!.Name, a.Person == null ? null : a.Person.FullName, a.Status,
                a.IsObserver))
            .ToListAsync(cancellationToken);

        var chairs = await db.PanelChairs.Where(c => c.PanelId == panelId)
            .Select(c => c.Person!.FullName).ToListAsync(cancellationToken);

        if (shown == AgendaShown.Cases)
            await audit.RecordDisclosureAsync(actor, $"Opened the meeting page ({agenda.Count} cases)", meetingId: meetingId,
                cancellationToken: cancellationToken);
        var writesReviewUpdates = actor.Is(Role.AgencyMember) && await db.Agencies.AnyAsync(
            a => a.Id == actor.AgencyId && a.Kind == AgencyKind.CaseManagementProvider, cancellationToken);
        return new MeetingDetail(summary, agenda, attendance, chairs, shown == AgendaShown.Cases,
            shown == AgendaShown.NotYetCirculated ? NeedToKnow.AgendaNotYetShared : null, writesReviewUpdates);
    }

    enum AgendaShown { Cases, Shape, NotYetCirculated }

    /// <summary>
    /// Chairs, administrators and agencies that may see the meeting's cases see them. An agency sees none before the
    /// case list is circulated, and is refused (shown the agreement instead) until it acknowledges the panel's agreement.
    /// </summary>
    async Task<AgendaShown> ShownAsync(Actor actor, Guid panelId, MeetingStatus status, CancellationToken cancellationToken)
    {
        if (!actor.IsAny(Role.Chair, Role.Administrator, Role.AgencyMember)) return AgendaShown.Shape;
        var basis = await needToKnow.BasisAsync(actor, panelId, cancellationToken);
        try
        {
            await needToKnow.MeetingBasisAsync(actor, basis.PanelId, status, cancellationToken);
            return AgendaShown.Cases;
        }
        catch (AccessDeniedException) when (status == MeetingStatus.Draft)
        {
            return AgendaShown.NotYetCirculated;
        }
    }

    static IQueryable<MeetingSummary> Summaries(DapPanelDbContext db, IQueryable<Meeting> meetings) =>
        meetings.Select(m => new MeetingSummary(m.Id, m.Panel!.Name, m.StartsAt, m.PlannedMinutes, m.Location,
            m.OnlineLink, m.Status,
            m.AgendaItems.Count(i => i.Kind == AgendaItemKind.NewReferral),
            m.AgendaItems.Count(i => i.Kind == AgendaItemKind.Review),
            m.AgendaItems.Count(i => i.Kind == AgendaItemKind.ClosureProposal),
            db.MinutesVersions.Where(v => v.MeetingId == m.Id).OrderByDescending(v => v.Number)
                .Select(v => (MinutesStatus?)v.Status).FirstOrDefault()));
}
