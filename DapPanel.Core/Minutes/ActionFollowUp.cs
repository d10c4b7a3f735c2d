using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Minutes;

/// <summary>Open actions from earlier meetings of the panel, by case, for the meeting they come back to.</summary>
public sealed record ActionsComingBack(Guid MeetingId, IReadOnlyList<CaseActionsComingBack> Cases)
{
    public int OverdueCount => Cases.Sum(c => c.Actions.Count(a => a.Action.IsOverdue));
}

public sealed record CaseActionsComingBack(Guid CaseId, string CaseReference, bool OnThisAgenda,
    IReadOnlyList<ActionComingBack> Actions);

public sealed record ActionComingBack(ActionRow Action, Guid Version, bool CanRecordOutcome);

public interface IActionFollowUp
{
    /// <summary>The actions an agency owns after a closed meeting (or all, by agency, for chairs); audited.</summary>
    Task<ActionListDocument> ExportActionListAsync(Actor actor, Guid meetingId, Guid? agencyId = null,
        CancellationToken cancellationToken = default);

    /// <summary>The most recent closed meeting of the person's panels, for their agency's action list.</summary>
    Task<LatestActionList?> LatestActionListAsync(Actor actor, CancellationToken cancellationToken = default);

    Task<ActionsComingBack> ComingBackAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);

    /// <summary>The owner agency (or a chair) says what became of an open action.</summary>
    Task<ActionRow> RecordOutcomeAsync(Actor actor, Guid actionId, ActionStatus outcome, string? note,
        Guid expectedVersion, CancellationToken cancellationToken = default);
}

public sealed class ActionFollowUp(
    IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NeedToKnow needToKnow, TimeProvider clock)
    : IActionFollowUp
{
    public const int MaxOutcomeNoteLength = 2000;

    public async Task<ActionListDocument> ExportActionListAsync(Actor actor, Guid meetingId, Guid? agencyId = null,
        CancellationToken cancellationToken = default)
    {
        var acrossAgencies = actor.IsAny(Role.Chair, Role.Administrator);
        if (!acrossAgencies && agencyId is { } asked && asked != actor.AgencyId)
            throw new AccessDeniedException("You can download only your own agency's action list.");
        var forAgency = acrossAgencies ? agencyId : actor.AgencyId;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await VisibleMeetingAsync(db, actor, meetingId, cancellationToken);
        if (meeting.Status != MeetingStatus.Closed)
            throw new DomainRuleException("Action lists are issued after the meeting closes.");
        // Managers oversee their own agency's actions by role; everyone else needs the panel's agreement.
        var basis = ManagesOnly(actor)
            ? "basis: manager's oversight of their agency's actions"
            : (await needToKnow.BasisAsync(actor, meeting.PanelId, cancellationToken)).Recorded;
        string? agencyName = null;
        if (forAgency is { } id)
            agencyName = await db.Agencies.Where(a => a.Id == id).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("That agency does not exist.");

        var rows = await AfterMeetingAsync(db, meeting, forAgency, cancellationToken);
        var groups = rows.GroupBy(r => r.OwnerAgencyName).OrderBy(g => g.Key)
            .Select(g => new ActionListGroup(g.Key, g.OrderBy(r => r.DueOn).ThenBy(r => r.CaseReference).ToList()))
            .ToList();
        var panelName = await db.Panels.Where(p => p.Id == meeting.PanelId).Select(p => p.Name).SingleAsync(cancellationToken);

        await audit.RecordAsync(actor, AuditAction.Exported,
            $"Downloaded the action list for {agencyName ?? "all agencies"} ({rows.Count} actions; {basis})", meetingId: meetingId,
            cancellationToken: cancellationToken);
        return new ActionListDocument(panelName, meeting.StartsAt, agencyName,
            agencyName is null ? groups : [new ActionListGroup(agencyName, groups.SelectMany(g => g.Actions).ToList())],
            clock.GetUtcNow(), actor.Name);
    }

    public async Task<LatestActionList?> LatestActionListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panels = db.VisiblePanelIds(actor);
        var meeting = await db.Meetings.AsNoTracking()
            .Where(m => panels.Contains(m.PanelId) && m.Status == MeetingStatus.Closed)
            .OrderByDescending(m => m.StartsAt).FirstOrDefaultAsync(cancellationToken);
        if (meeting is null || !await MaySeeActionsAsync(actor, meeting.PanelId, cancellationToken)) return null;
        var rows = await AfterMeetingAsync(db, meeting, actor.AgencyId, cancellationToken);
        var panelName = await db.Panels.Where(p => p.Id == meeting.PanelId).Select(p => p.Name).SingleAsync(cancellationToken);
        return new LatestActionList(meeting.Id, panelName, meeting.StartsAt, actor.AgencyId, rows.Count);
    }

    public async Task<ActionsComingBack> ComingBackAsync(Actor actor, Guid meetingId,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await VisibleMeetingAsync(db, actor, meetingId, cancellationToken);
        var basis = await needToKnow.MeetingBasisAsync(actor, meeting.PanelId, meeting.Status, cancellationToken);
        var earlierItems = db.AgendaItems.Where(i => i.Meeting!.PanelId == meeting.PanelId
            && i.Meeting.StartsAt < meeting.StartsAt);
        var open = db.Actions.Where(a => a.Status == ActionStatus.Open && earlierItems.Any(i => i.Id == a.AgendaItemId));
        var today = PanelTime.Today(clock);
        var rows = await MinutesReader.ActionRows(db, open, today, cancellationToken);
        var versions = await open.Select(a => new { a.Id, a.Version, a.CaseId }).ToDictionaryAsync(a => a.Id, cancellationToken);
        var onAgenda = await db.AgendaItems.Where(i => i.MeetingId == meetingId).Select(i => i.CaseId)
            .ToListAsync(cancellationToken);

        var cases = rows.Select(r => r.Row).GroupBy(r => versions[r.ActionId].CaseId)
            .Select(g => new CaseActionsComingBack(g.Key, g.First().CaseReference, onAgenda.Contains(g.Key),
                g.OrderBy(r => r.DueOn).Select(r => new ActionComingBack(r, versions[r.ActionId].Version,
                    MayRecord(actor, basis, r.OwnerAgencyId))).ToList()))
            .OrderByDescending(c => c.OnThisAgenda).ThenBy(c => c.CaseReference)
            .ToList();
        await audit.RecordDisclosureAsync(actor, $"Read the actions coming back ({rows.Count}; {basis.Recorded})",
            meetingId: meetingId, cancellationToken: cancellationToken);
        return new ActionsComingBack(meetingId, cases);
    }

    public async Task<ActionRow> RecordOutcomeAsync(Actor actor, Guid actionId, ActionStatus outcome, string? note,
        Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        if (outcome == ActionStatus.Open)
            throw new DomainRuleException("Choose what became of the action: done, or not done and why.");
        var tidyNote = PlainText.IsBlank(note) ? null : note.Trim();
        if (tidyNote?.Length > MaxOutcomeNoteLength)
            throw new DomainRuleException($"The note is at most {MaxOutcomeNoteLength} characters.");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var action = await db.Actions.Include(a => a.Case).SingleOrDefaultAsync(a => a.Id == actionId, cancellationToken)
            ?? throw new NotFoundException("That action does not exist.");
        var meetingPanel = await db.AgendaItems.Where(i => i.Id == action.AgendaItemId).Select(i => i.Meeting!.PanelId)
            .SingleAsync(cancellationToken);
        if (!await db.VisiblePanelIds(actor).ContainsAsync(meetingPanel, cancellationToken))
            throw new NotFoundException("That action does not exist.");
        var basis = await needToKnow.BasisAsync(actor, meetingPanel, cancellationToken);
        if (!MayRecord(actor, basis, action.OwnerAgencyId))
            throw new AccessDeniedException("Only the agency that owns the action, or a chair, can record its outcome.");
        if (action.Version != expectedVersion)
            throw new ConcurrencyConflictException(
                $"Someone else recorded this action first: it is now \"{action.Status.Label()}\". Reload to see it.");
        if (action.Status != ActionStatus.Open)
            throw new DomainRuleException($"The outcome is already recorded: {action.Status.Label()}.");

        var before = action.Status.Label();
        action.Status = outcome;
        action.OutcomeNote = tidyNote;
        audit.Add(db, actor, AuditAction.Changed, $"Recorded the outcome of an action on {action.Case!.Reference}",
            caseId: action.CaseId, before: before, after: outcome.Label());
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Someone else recorded this action at the same moment. Reload to see it.");
        }
        var rows = await MinutesReader.ActionRows(db, db.Actions.Where(a => a.Id == actionId), PanelTime.Today(clock),
            cancellationToken);
        return rows.Single().Row;
    }

    /// <summary>Offered only to those the download would serve: managers by oversight, others under the agreement.</summary>
    async Task<bool> MaySeeActionsAsync(Actor actor, Guid panelId, CancellationToken cancellationToken)
    {
        if (ManagesOnly(actor)) return true;
        try
        {
            await needToKnow.BasisAsync(actor, panelId, cancellationToken);
            return true;
        }
        catch (AccessDeniedException) { return false; }
    }

    static bool ManagesOnly(Actor actor) => actor.Is(Role.Manager) && !actor.IsAny(Role.AgencyMember, Role.Chair, Role.Administrator);

    /// <summary>The owning agency, or a chair of this panel (a chair elsewhere who sits here for their agency is its member).</summary>
    static bool MayRecord(Actor actor, SharingBasis basis, Guid ownerAgencyId) =>
        (actor.Is(Role.Chair) && basis.ChairsOrAdministers) || actor.AgencyId == ownerAgencyId;

    static async Task<Meeting> VisibleMeetingAsync(DapPanelDbContext db, Actor actor, Guid meetingId,
        CancellationToken cancellationToken)
    {
        var panels = db.VisiblePanelIds(actor);
        return await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId && panels.Contains(m.PanelId),
                cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist or is not one of your panels'.");
    }

    /// <summary>What an agency has to do after a meeting: what was agreed there, and what is still open from before.</summary>
    static async Task<List<ActionRow>> AfterMeetingAsync(DapPanelDbContext db, Meeting meeting, Guid? agencyId,
        CancellationToken cancellationToken)
    {
        var items = db.AgendaItems.Where(i => i.Meeting!.PanelId == meeting.PanelId && i.Meeting.StartsAt <= meeting.StartsAt);
        var actions = db.Actions.Where(a => items.Any(i => i.Id == a.AgendaItemId
            && (i.MeetingId == meeting.Id || a.Status == ActionStatus.Open)));
        if (agencyId is { } id) actions = actions.Where(a => a.OwnerAgencyId == id);
        var rows = await MinutesReader.ActionRows(db, actions, meeting.Date, cancellationToken);
        return rows.Select(r => r.Row).ToList();
    }
}
