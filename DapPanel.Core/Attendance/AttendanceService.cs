using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Attendance;

/// <summary>Who is at the table: the chair's record of a meeting, apologies beforehand, and confidentiality.</summary>
public interface IAttendanceService
{
    Task<MeetingAttendanceView> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
    /// <summary>Sets every line of the agency to this status, or records the agency itself when nobody is named.</summary>
    Task<long> MarkAgencyAsync(Actor actor, Guid commandId, Guid meetingId, Guid agencyId, AttendanceStatus status);
    Task<long> MarkPersonAsync(Actor actor, Guid commandId, Guid meetingId, Guid personId, AttendanceStatus status,
        bool isObserver = false);
    Task<long> RemoveAsync(Actor actor, Guid commandId, Guid meetingId, Guid attendanceId);
    /// <summary>Confirms every line and records core agencies with nothing recorded as absent.</summary>
    Task<long> ConfirmAsync(Actor actor, Guid commandId, Guid meetingId);
    Task<ConfidentialityView> GetConfidentialityAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
    Task AcknowledgeAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<ApologyMeeting>> UpcomingAsync(Actor actor, CancellationToken cancellationToken = default);
    Task<long> SendApologiesAsync(Actor actor, Guid commandId, Guid meetingId, bool informationSent, string? note);
}

public sealed class AttendanceService(
    IDbContextFactory<DapPanelDbContext> dbFactory, LiveMeetingWriter writer, ConfidentialityRegister register,
    NeedToKnow needToKnow, IAuditLog audit, TimeProvider clock) : IAttendanceService
{
    const string Recording = "record attendance";

    public async Task<MeetingAttendanceView> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        actor.Require("see a meeting's attendance", Role.Chair, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Panel!).ThenInclude(p => p.Members)
            .SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
        (await needToKnow.MeetingBasisAsync(actor, meeting.PanelId, meeting.Status, cancellationToken))
            .OfChairsOrAdministrators("see its meetings' attendance");
        var memberIds = meeting.Panel!.Members.Select(m => m.AgencyId).ToList();
        var agencies = await db.Agencies.AsNoTracking().Include(a => a.People)
            .Where(a => memberIds.Contains(a.Id)).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var lines = await db.Attendances.AsNoTracking().Include(a => a.Person)
            .Where(a => a.MeetingId == meetingId).ToListAsync(cancellationToken);
        var acknowledged = (await db.ConfidentialityAcknowledgements.Where(a => a.MeetingId == meetingId)
            .Select(a => a.PersonId).ToListAsync(cancellationToken)).ToHashSet();
        var core = meeting.Panel.Members.Where(m => m.IsCore).Select(m => m.AgencyId).ToHashSet();
        var departed = await DepartedPeople.AmongAsync(db, memberIds, cancellationToken);

        var rows = agencies.Select(agency =>
        {
            var own = lines.Where(l => l.AgencyId == agency.Id)
                .OrderBy(l => l.IsObserver).ThenBy(l => l.Person?.FullName)
                .Select(l => new AttendeeLine(l.Id, l.PersonId, l.Person?.FullName, l.Status, l.IsObserver, l.JoinedAt, l.LeftAt,
                    AttendanceRules.IsLate(l.JoinedAt, meeting.StartsAt), l.PersonId is { } p && acknowledged.Contains(p), l.Note,
                    l.IsConfirmed, l.ApologiesSent))
                .ToList();
            return new AgencyAttendance(agency.Id, agency.Name, core.Contains(agency.Id),
                AttendanceRules.AgencyStatus(own.Where(l => !l.IsObserver).Select(l => l.Status)), own,
                PersonOption.Offered(agency.People, departed));
        }).OrderByDescending(a => a.IsCore).ThenBy(a => a.AgencyName).ToList();

        return new MeetingAttendanceView(meeting.Id, meeting.Status, meeting.Panel.QuorumCoreAgencies, core.Count,
            rows.Count(a => a.IsCore && a.IsAtTable), rows);
    }

    public Task<long> MarkAgencyAsync(Actor actor, Guid commandId, Guid meetingId, Guid agencyId, AttendanceStatus status)
    {
        actor.Require(Recording, Role.Chair);
        return writer.RunAsChairAsync(actor, new LiveCommand(commandId, meetingId, "MarkAgency", agencyId, status), "attendance", async ctx =>
        {
            EnsureRecordable(ctx.Meeting);
            var agencyName = await MemberAgencyNameAsync(ctx, agencyId);
            var lines = await ctx.Db.Attendances
                .Where(a => a.MeetingId == meetingId && a.AgencyId == agencyId && !a.IsObserver).ToListAsync();
            if (lines.Count == 0)
                ctx.Db.Attendances.Add(new Domain.Attendance
                {
                    MeetingId = meetingId, AgencyId = agencyId, Status = status, IsConfirmed = true,
                });
            foreach (var line in lines)
            {
                line.Status = status;
                line.IsConfirmed = true;
            }
            return new ChangeNote($"{agencyName}: {status.Label().ToLowerInvariant()}", agencyId, After: status.ToString());
        });
    }

    public Task<long> MarkPersonAsync(Actor actor, Guid commandId, Guid meetingId, Guid personId, AttendanceStatus status,
        bool isObserver = false)
    {
        actor.Require(Recording, Role.Chair);
        var command = new LiveCommand(commandId, meetingId, "MarkPerson", personId, status, isObserver);
        return writer.RunAsChairAsync(actor, command, "attendance", async ctx =>
        {
            EnsureRecordable(ctx.Meeting);
            var person = await ctx.Db.People.SingleOrDefaultAsync(p => p.Id == personId)
                ?? throw new NotFoundException("That person is not known to DapPanel.");
            if (await DepartedPeople.HasLeftAsync(ctx.Db, personId))
                throw new DomainRuleException($"{person.FullName}'s sign-in is disabled: they no longer attend for their agency.");
            var agencyName = await MemberAgencyNameAsync(ctx, person.AgencyId);
            var line = await ctx.Db.Attendances.SingleOrDefaultAsync(a => a.MeetingId == meetingId && a.PersonId == personId);
            if (line is null)
            {
                line = new Domain.Attendance { MeetingId = meetingId, AgencyId = person.AgencyId, PersonId = personId };
                ctx.Db.Attendances.Add(line);
            }
            line.Status = status;
            line.IsObserver = isObserver;
            line.IsConfirmed = true;
            // A named representative replaces the agency's unnamed line.
            if (status.IsPresent() && !isObserver)
                ctx.Db.Attendances.RemoveRange(await ctx.Db.Attendances
                    .Where(a => a.MeetingId == meetingId && a.AgencyId == person.AgencyId && a.PersonId == null).ToListAsync());
            return new ChangeNote($"{person.FullName} ({agencyName}): {status.Label().ToLowerInvariant()}"
                + (isObserver ? ", observing" : ""), personId, After: status.ToString());
        });
    }

    public Task<long> RemoveAsync(Actor actor, Guid commandId, Guid meetingId, Guid attendanceId)
    {
        actor.Require(Recording, Role.Chair);
        return writer.RunAsChairAsync(actor, new LiveCommand(commandId, meetingId, "RemoveAttendance", attendanceId), "attendance", async ctx =>
        {
            EnsureRecordable(ctx.Meeting);
            var line = await ctx.Db.Attendances.Include(a => a.Person).Include(a => a.Agency)
                .SingleOrDefaultAsync(a => a.Id == attendanceId && a.MeetingId == meetingId)
                ?? throw new NotFoundException("That attendance line is no longer there.");
            ctx.Db.Attendances.Remove(line);
            return new ChangeNote($"Removed {line.Person?.FullName ?? line.Agency!.Name} from the attendance", attendanceId,
                Before: line.Status.ToString());
        });
    }

    public Task<long> ConfirmAsync(Actor actor, Guid commandId, Guid meetingId)
    {
        actor.Require(Recording, Role.Chair);
        return writer.RunAsChairAsync(actor, new LiveCommand(commandId, meetingId, "ConfirmAttendance"), "attendance", async ctx =>
        {
            EnsureRecordable(ctx.Meeting);
            var lines = await ctx.Db.Attendances.Where(a => a.MeetingId == meetingId).ToListAsync();
            foreach (var line in lines) line.IsConfirmed = true;
            var recorded = lines.Where(l => !l.IsObserver).Select(l => l.AgencyId).ToHashSet();
            var missing = await ctx.Db.PanelMemberships
                .Where(m => m.PanelId == ctx.Meeting.PanelId && m.IsCore && !recorded.Contains(m.AgencyId))
                .Select(m => m.AgencyId).ToListAsync();
            foreach (var agencyId in missing)
                ctx.Db.Attendances.Add(new Domain.Attendance
                {
                    MeetingId = meetingId, AgencyId = agencyId, Status = AttendanceStatus.Absent, IsConfirmed = true,
                });
            return new ChangeNote(missing.Count == 0
                ? "Confirmed the attendance"
                : $"Confirmed the attendance; {missing.Count} core {(missing.Count == 1 ? "agency" : "agencies")} recorded absent");
        });
    }

    public async Task<ConfidentialityView> GetConfidentialityAsync(Actor actor, Guid meetingId,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Panel)
            .SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
        await LiveAccess.EnsureCanEnterAsync(needToKnow, actor, meeting, cancellationToken);
        var at = await db.ConfidentialityAcknowledgements
            .Where(a => a.MeetingId == meetingId && a.PersonId == actor.PersonId)
            .Select(a => (DateTimeOffset?)a.AcknowledgedAt).SingleOrDefaultAsync(cancellationToken);
        return new ConfidentialityView(meeting.Id, meeting.Panel!.Name, meeting.StartsAt, meeting.Panel.ConfidentialityStatement, at);
    }

    public async Task AcknowledgeAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Panel)
            .SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
        await LiveAccess.EnsureCanEnterAsync(needToKnow, actor, meeting, cancellationToken);
        if (await db.ConfidentialityAcknowledgements.AnyAsync(a => a.MeetingId == meetingId && a.PersonId == actor.PersonId,
                cancellationToken))
        {
            register.Remember(meetingId, actor.PersonId);
            return;
        }
        db.ConfidentialityAcknowledgements.Add(new ConfidentialityAcknowledgement
        {
            MeetingId = meetingId, PersonId = actor.PersonId, AcknowledgedAt = clock.GetUtcNow(),
            Statement = meeting.Panel!.ConfidentialityStatement,
        });
        audit.Add(db, actor, AuditAction.Changed, $"Acknowledged the {meeting.Panel.Name} confidentiality statement", meetingId: meetingId);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            // Acknowledged from another tab at the same moment is fine; anything else is a real failure.
            if (!await register.HasAcknowledgedAsync(meetingId, actor.PersonId, cancellationToken)) throw;
        }
        register.Remember(meetingId, actor.PersonId);
    }

    public async Task<IReadOnlyList<ApologyMeeting>> UpcomingAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var panels = db.PanelMemberships.Where(m => m.AgencyId == actor.AgencyId).Select(m => m.PanelId);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => panels.Contains(m.PanelId) && m.Status == MeetingStatus.Circulated && m.StartsAt > now)
            .OrderBy(m => m.StartsAt).Take(4)
            .Select(m => new { m.Id, Panel = m.Panel!.Name, m.StartsAt })
            .ToListAsync(cancellationToken);
        var ids = meetings.Select(m => m.Id).ToList();
        var mine = await db.Attendances.AsNoTracking()
            .Where(a => ids.Contains(a.MeetingId) && a.PersonId == actor.PersonId)
            .Select(a => new { a.MeetingId, a.Status, a.Note }).ToListAsync(cancellationToken);
        return meetings.Select(m =>
        {
            var line = mine.FirstOrDefault(a => a.MeetingId == m.Id);
            return new ApologyMeeting(m.Id, m.Panel, m.StartsAt, line?.Status, line?.Note);
        }).ToList();
    }

    public Task<long> SendApologiesAsync(Actor actor, Guid commandId, Guid meetingId, bool informationSent, string? note)
    {
        if (!actor.Is(Role.AgencyMember))
            throw new AccessDeniedException("Apologies are sent by the agency's own members.");
        note = PlainText.IsBlank(note) ? null : note.Trim();
        if (note?.Length > Domain.Attendance.MaxNoteLength)
            throw new DomainRuleException($"The note is at most {Domain.Attendance.MaxNoteLength} characters.");
        if (informationSent && note is null)
            throw new DomainRuleException("Say what information you sent in advance, and to whom.");
        var status = informationSent ? AttendanceStatus.ApologiesWithInformation : AttendanceStatus.Apologies;
        var command = new LiveCommand(commandId, meetingId, "SendApologies", informationSent, note);
        return writer.RunAsync(actor, command, "attendance", async ctx =>
        {
            if (ctx.Meeting.Status != MeetingStatus.Circulated || ctx.Meeting.StartsAt <= ctx.Now)
                throw new DomainRuleException("Apologies are sent before the meeting starts; tell the chair if it has begun.");
            var agencyName = await MemberAgencyNameAsync(ctx, actor.AgencyId);
            var line = await ctx.Db.Attendances.SingleOrDefaultAsync(a => a.MeetingId == meetingId && a.PersonId == actor.PersonId);
            if (line is null)
            {
                line = new Domain.Attendance { MeetingId = meetingId, AgencyId = actor.AgencyId, PersonId = actor.PersonId };
                ctx.Db.Attendances.Add(line);
            }
            line.Status = status;
            line.Note = note;
            line.ApologiesSent = null;
            line.IsConfirmed = false;
            return new ChangeNote($"{actor.Name} ({agencyName}) sent apologies"
                + (informationSent ? " with information in advance" : ""), actor.PersonId, After: status.ToString());
        });
    }

    static void EnsureRecordable(Meeting meeting)
    {
        if (meeting.Status == MeetingStatus.Draft)
            throw new DomainRuleException("Attendance is recorded once the agenda has been circulated.");
    }

    static async Task<string> MemberAgencyNameAsync(CommandContext ctx, Guid agencyId)
    {
        var isMember = await ctx.Db.PanelMemberships.AnyAsync(m => m.PanelId == ctx.Meeting.PanelId && m.AgencyId == agencyId);
        if (!isMember) throw new DomainRuleException("That agency is not a member of this panel.");
        return await ctx.Db.Agencies.Where(a => a.Id == agencyId).Select(a => a.Name).SingleAsync();
    }
}
