using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Minutes;

/// <summary>Reads a meeting's records into minutes and action-list rows; no access checks of its own.</summary>
static class MinutesReader
{
    public static async Task<MinutesContent> ReadAsync(DapPanelDbContext db, Meeting meeting, MinutesVersion texts,
        CancellationToken cancellationToken)
    {
        var panelName = await db.Panels.Where(p => p.Id == meeting.PanelId).Select(p => p.Name)
            .SingleAsync(cancellationToken);
        var chairs = await db.PanelChairs.Where(c => c.PanelId == meeting.PanelId)
            .Select(c => c.Person!.FullName).ToListAsync(cancellationToken);

        var attendance = await db.Attendances.AsNoTracking().Where(a => a.MeetingId == meeting.Id)
            .Select(a => new MinutesAttendanceRow(a.Agency!.Name, a.Person == null ? null : a.Person.FullName, a.Status,
                a.IsObserver, a.ApologiesSent, a.Note))
            .ToListAsync(cancellationToken);
        var present = attendance.Where(a => a.Status.IsPresent()).Select(a => a.AgencyName).ToHashSet();
        var core = await db.PanelMemberships.Where(m => m.PanelId == meeting.PanelId && m.IsCore)
            .Select(m => m.Agency!.Name).ToListAsync(cancellationToken);

        var items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meeting.Id)
            .Select(i => new
            {
                i.Id, i.Order, i.CaseId, i.Case!.Reference, CaseSummary = i.Case.Summary, i.Kind, i.IsDeferred,
                Decision = i.Decision == null ? null
                    : new MinutesDecision(i.Decision.Outcome, i.Decision.Rationale, i.Decision.ClosureReason, i.Decision.ReviewOn),
            })
            .ToListAsync(cancellationToken);
        var caseIds = items.Select(i => i.CaseId).ToList();
        var itemIds = items.Select(i => i.Id).ToList();

        // Levers the agencies held for the case by the end of this meeting.
        var heldBy = meeting.ClosedAt ?? meeting.StartsAt.AddDays(1);
        var levers = await db.Levers.AsNoTracking()
            .Where(l => caseIds.Contains(l.CaseId) && !l.IsWithdrawn && l.OfferedAt <= heldBy)
            .Select(l => new { l.CaseId, Lever = new MinutesLever(l.Agency!.Name, l.Family, l.Area, l.Description) })
            .ToListAsync(cancellationToken);

        var agreed = await ActionRows(db, db.Actions.Where(a => itemIds.Contains(a.AgendaItemId)), meeting.Date,
            cancellationToken);
        var outstanding = await OutstandingAsync(db, meeting, cancellationToken);

        var textFor = texts.Items.ToDictionary(t => t.AgendaItemId);
        return new MinutesContent(
            panelName, meeting.StartsAt, meeting.PlannedMinutes, meeting.StartedAt, meeting.ClosedAt, meeting.Location,
            meeting.OnlineLink, chairs.Order().ToList(),
            attendance.OrderBy(a => a.AgencyName).ThenBy(a => a.PersonName).ToList(),
            core.Where(name => !present.Contains(name)).Order().ToList(),
            texts.ConfidentialityStatementRead, texts.GeneralNotes,
            items.OrderBy(i => i.Order).Select(i => new MinutesItem(
                i.Id, i.Order, i.Reference, i.Kind, i.IsDeferred,
                textFor.TryGetValue(i.Id, out var t) ? t.Summary : i.CaseSummary,
                textFor.TryGetValue(i.Id, out var n) ? n.Notes : null,
                levers.Where(l => l.CaseId == i.CaseId).Select(l => l.Lever)
                    .OrderBy(l => l.AgencyName).ThenBy(l => l.Family).ToList(),
                i.Decision,
                agreed.Where(a => a.AgendaItemId == i.Id).Select(a => a.Row).OrderBy(a => a.DueOn).ToList())).ToList(),
            outstanding);
    }

    /// <summary>The draft's starting text: each item's case summary as shown at the panel.</summary>
    public static async Task<List<MinutesItemText>> InitialTextsAsync(DapPanelDbContext db, Guid meetingId,
        CancellationToken cancellationToken) =>
        await db.AgendaItems.Where(i => i.MeetingId == meetingId).OrderBy(i => i.Order)
            .Select(i => new MinutesItemText { AgendaItemId = i.Id, Summary = i.Case!.Summary })
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Actions from earlier meetings that came back to this one: all agreed at the meeting before, and any older
    /// ones still open.
    /// </summary>
    static async Task<List<ActionRow>> OutstandingAsync(DapPanelDbContext db, Meeting meeting,
        CancellationToken cancellationToken)
    {
        var earlier = db.Meetings.Where(m => m.PanelId == meeting.PanelId && m.StartsAt < meeting.StartsAt);
        var previousId = await earlier.OrderByDescending(m => m.StartsAt).Select(m => (Guid?)m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var earlierItems = db.AgendaItems.Where(i => earlier.Select(m => m.Id).Contains(i.MeetingId));
        var actions = db.Actions.Where(a => earlierItems.Any(i => i.Id == a.AgendaItemId
            && (a.Status == ActionStatus.Open || i.MeetingId == previousId)));
        var rows = await ActionRows(db, actions, meeting.Date, cancellationToken);
        return rows.Select(r => r.Row).OrderBy(r => r.CaseReference).ThenBy(r => r.DueOn).ToList();
    }

    /// <summary>Action rows with the date each was agreed; overdue means still open after its due date.</summary>
    public static async Task<List<(Guid AgendaItemId, ActionRow Row)>> ActionRows(DapPanelDbContext db,
        IQueryable<PanelAction> actions, DateOnly asOf, CancellationToken cancellationToken)
    {
        var rows = await actions.AsNoTracking()
            .Join(db.AgendaItems, a => a.AgendaItemId, i => i.Id, (a, i) => new
            {
                a.Id, a.AgendaItemId, a.Case!.Reference, a.Description, a.OwnerAgencyId, Agency = a.OwnerAgency!.Name,
                Person = a.OwnerPerson == null ? null : a.OwnerPerson.FullName, a.DueOn, AgreedAt = i.Meeting!.StartsAt,
                a.Status, a.OutcomeNote,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.AgendaItemId, new ActionRow(r.Id, r.Reference, r.Description, r.OwnerAgencyId,
                r.Agency, r.Person, r.DueOn, DateOnly.FromDateTime(PanelTime.ToLocal(r.AgreedAt).DateTime), r.Status,
                r.OutcomeNote, r.Status == ActionStatus.Open && r.DueOn < asOf)))
            .ToList();
    }
}
