using System.Globalization;
using DapPanel.Core.Agenda;
using DapPanel.Core.Audit;
using DapPanel.Core.Circulation;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Research;

public interface IResearchService
{
    /// <summary>The signed-in agency's list and its own answers.</summary>
    Task<AgencyResearchView> GetForAgencyAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
    Task AnswerAsync(Actor actor, ResearchAnswerInput input, CancellationToken cancellationToken = default);
    Task<ReadinessView> GetReadinessAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
    /// <summary>Emails the agencies that have not answered every case.</summary>
    Task<SendReport> SendRemindersAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
}

public sealed class ResearchService(
    IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NotificationOutbox notifier, NeedToKnow needToKnow, TimeProvider clock)
    : IResearchService
{
    static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public async Task<AgencyResearchView> GetForAgencyAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        actor.Require("answer agency research", Role.AgencyMember);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await CirculationService.LoadAsync(db, meetingId, cancellationToken);
        var basis = await CirculationService.EnsureMaySeeListAsync(actor, meeting, needToKnow, cancellationToken);
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == actor.AgencyId, cancellationToken);
        var list = await CaseListEntries.ForAsync(db, meeting, basis, cancellationToken);
        var answers = (await db.AgencyResearch.AsNoTracking()
            .Where(r => r.MeetingId == meetingId && r.AgencyId == actor.AgencyId).ToListAsync(cancellationToken))
            .Where(r => basis.SeesResearchNotesOf(r.AgencyId)).ToList();
        var levers = await db.Levers.AsNoTracking()
            .Where(l => l.MeetingId == meetingId && l.AgencyId == actor.AgencyId && !l.IsWithdrawn).ToListAsync(cancellationToken);
        var heading = AgendaService.Heading(meeting);
        await audit.RecordDisclosureAsync(actor, $"Opened {agency.Name}'s research on the case list",
            meetingId: meetingId, cancellationToken: cancellationToken);
        return new AgencyResearchView(heading, agency.Id, agency.Name, ResearchDeadline.Of(meeting),
            list.Select(entry => new ResearchCaseView(entry,
                answers.Where(a => a.CaseId == entry.CaseId)
                    .Select(a => new ResearchAnswerView(a.Answer, a.Notes, a.ContactName, a.ContactDetails, a.AnsweredAt))
                    .SingleOrDefault(),
                levers.Where(l => l.CaseId == entry.CaseId).OrderBy(l => l.OfferedAt)
                    .Select(l => new OfferedLever(l.Family, l.Area, l.Description)).ToList())).ToList());
    }

    public async Task AnswerAsync(Actor actor, ResearchAnswerInput input, CancellationToken cancellationToken = default)
    {
        actor.Require("answer agency research", Role.AgencyMember);
        if (input.AgencyId != actor.AgencyId)
            throw new AccessDeniedException("You can answer only for your own agency.");
        InvalidInputException.ThrowIfAny(input.Problems());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await CirculationService.LoadAsync(db, input.MeetingId, cancellationToken);
        var basis = await CirculationService.EnsureMaySeeListAsync(actor, meeting, needToKnow, cancellationToken);
        if (meeting.Status != MeetingStatus.Circulated)
            throw new DomainRuleException("The meeting has started or closed: tell the panel what you found in the room.");
        var item = meeting.AgendaItems.SingleOrDefault(i => i.CaseId == input.CaseId)
            ?? throw new NotFoundException("That case is no longer on this meeting's list.");

        var now = clock.GetUtcNow();
        var research = await db.AgencyResearch.SingleOrDefaultAsync(
            r => r.MeetingId == input.MeetingId && r.CaseId == input.CaseId && r.AgencyId == actor.AgencyId, cancellationToken);
        if (research is null)
        {
            research = new AgencyResearch { MeetingId = input.MeetingId, CaseId = input.CaseId, AgencyId = actor.AgencyId };
            db.AgencyResearch.Add(research);
        }
        research.Answer = input.Answer!.Value;
        research.Notes = Blank(input.Notes);
        research.ContactName = Blank(input.ContactName);
        research.ContactDetails = Blank(input.ContactDetails);
        research.AnsweredByPersonId = actor.PersonId;
        research.AnsweredAt = now;
        // Levers offered here are the ones the live room will use for this case.
        db.Levers.AddRange(input.Levers.Select(l => new Lever
        {
            CaseId = input.CaseId, MeetingId = input.MeetingId, AgencyId = actor.AgencyId, Family = l.Family!.Value,
            Area = l.Area!.Value, Description = l.Description!.Trim(), OfferedAt = now,
        }));
        audit.Add(db, actor, AuditAction.Changed,
            $"Answered research on {item.Case!.Reference}: {research.Answer.Label().ToLowerInvariant()}"
            + (input.Levers.Count > 0 ? $", {input.Levers.Count} levers offered" : "") + $" ({basis.Recorded})",
            caseId: input.CaseId, meetingId: input.MeetingId);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ReadinessView> GetReadinessAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        actor.Require("see the readiness board", Role.Administrator, Role.Chair);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await CirculationService.LoadAsync(db, meetingId, cancellationToken);
        var agencyIds = await CirculationService.MemberAgenciesAsync(db, meeting, cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).OrderBy(a => a.Name)
            .ToListAsync(cancellationToken);
        var basis = (await needToKnow.BasisAsync(actor, meeting.PanelId, cancellationToken))
            .OfChairsOrAdministrators("see its readiness board");
        var answers = await db.AgencyResearch.AsNoTracking().Where(r => r.MeetingId == meetingId).ToListAsync(cancellationToken);
        var reminders = await db.Notifications.AsNoTracking()
            .Where(n => n.MeetingId == meetingId && n.Kind == NotificationKind.ResearchReminder)
            .Select(n => new { n.AgencyId, n.CreatedAt }).ToListAsync(cancellationToken);
        var caseIds = meeting.AgendaItems.Select(i => i.CaseId).ToHashSet();

        var heading = AgendaService.Heading(meeting);
        var deadline = ResearchDeadline.Of(meeting);
        var rows = meeting.AgendaItems.OrderBy(i => i.Order).Select(i => new ReadinessRow(i.Order, i.Case!.Reference, i.Kind,
            agencies.Select(a => answers.FirstOrDefault(r => r.CaseId == i.CaseId && r.AgencyId == a.Id) is { } r
                ? new ReadinessCell(a.Id, r.Answer, basis.SeesResearchNotesOf(a.Id) ? r.Notes : NeedToKnow.ResearchNotesWithheld, r.ContactName)
                : new ReadinessCell(a.Id, null, null, null)).ToList())).ToList();
        var summary = agencies.Select(a => new ReadinessAgency(a.Id, a.Name,
            answers.Count(r => r.AgencyId == a.Id && caseIds.Contains(r.CaseId) && r.Answer != ResearchAnswer.StillResearching),
            reminders.Where(n => n.AgencyId == a.Id).Select(n => (DateTimeOffset?)n.CreatedAt).Max())).ToList();
        await audit.RecordDisclosureAsync(actor, $"Opened the readiness board ({basis.Recorded})", meetingId: meetingId,
            cancellationToken: cancellationToken);
        return new ReadinessView(heading, deadline, PanelTime.Today(clock) > deadline, summary, rows);
    }

    public async Task<SendReport> SendRemindersAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        actor.Require("send research reminders", Role.Administrator, Role.Chair);
        var board = await GetReadinessAsync(actor, meetingId, cancellationToken);
        if (board.Meeting.Status != MeetingStatus.Circulated)
            throw new DomainRuleException("Reminders go out only for a circulated meeting that has not started.");
        var late = board.NotFinished.ToList();
        if (late.Count == 0) throw new DomainRuleException("Every agency has answered for every case.");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await CirculationService.LoadAsync(db, meetingId, cancellationToken);
        var panel = meeting.Panel!.Name;
        var body = $"Your agency has not yet answered for every case on the {panel} list for "
            + $"{PanelTime.ToLocal(meeting.StartsAt).ToString("ddd d MMM yyyy", British)}. "
            + $"Research is due by {board.Deadline.ToString("dddd d MMMM", British)}.\n\n"
            + $"Answer here: {notifier.Link($"/meetings/{meetingId}/research")}\n";
        var queued = await notifier.QueueAsync(db, meeting, NotificationKind.ResearchReminder, late.Select(a => a.Id).ToList(),
            $"OFFICIAL-SENSITIVE: reminder — research for {panel}", body, cancellationToken);
        audit.Add(db, actor, AuditAction.Changed,
            $"Sent research reminders to {string.Join(", ", late.Select(a => a.Name))}", meetingId: meetingId);
        await db.SaveChangesAsync(cancellationToken);
        return await notifier.SendAsync(db, meeting, panel, queued, cancellationToken);
    }

    static string? Blank(string? value) => PlainText.IsBlank(value) ? null : value.Trim();
}
