using DapPanel.Core.Attendance;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.LiveMeeting;

/// <summary>What the live room shows, who is in it, and what changed while someone was away.</summary>
public interface ILiveMeetingQueries
{
    Task<LiveMeetingView> GetViewAsync(Actor actor, Guid meetingId, long atLeastVersion = 0);
    Task<IReadOnlyList<ChangeEntry>> ChangesSinceAsync(Actor actor, Guid meetingId, long version);
    Task JoinAsync(Actor actor, Guid meetingId, string seatKey);
    Task LeaveAsync(Guid meetingId, string seatKey);
}

public sealed class LiveMeetingQueries(
    IDbContextFactory<DapPanelDbContext> dbFactory, LiveMeetingReadModel readModel, MeetingPresence presence,
    IMeetingNotifier notifier, ConfidentialityRegister confidentiality, NeedToKnow needToKnow, IAuditLog audit,
    TimeProvider clock) : ILiveMeetingQueries
{
    const int MaxCatchUp = 500;

    public async Task<LiveMeetingView> GetViewAsync(Actor actor, Guid meetingId, long atLeastVersion = 0)
    {
        var (snapshot, basis) = await EnterAsync(actor, meetingId, atLeastVersion);
        await confidentiality.EnsureAcknowledgedAsync(actor, meetingId);
        await RecordDisclosureAsync(actor, meetingId, basis);
        return snapshot.For(basis) with { Present = presence.Present(meetingId, snapshot.AgencyNames) };
    }

    public async Task<IReadOnlyList<ChangeEntry>> ChangesSinceAsync(Actor actor, Guid meetingId, long version)
    {
        var (_, basis) = await EnterAsync(actor, meetingId);
        await confidentiality.EnsureAcknowledgedAsync(actor, meetingId);
        await RecordDisclosureAsync(actor, meetingId, basis);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.MeetingChanges.AsNoTracking()
            .Where(c => c.MeetingId == meetingId && c.Id > version)
            .OrderBy(c => c.Id).Take(MaxCatchUp)
            .Select(c => new ChangeEntry(c.Id, c.Kind, c.EntityId, c.Summary, c.ActorName, c.At))
            .ToListAsync();
    }

    /// <summary>Once per page view or hub connection, however often the room reads the meeting again.</summary>
    Task RecordDisclosureAsync(Actor actor, Guid meetingId, SharingBasis basis) =>
        audit.RecordDisclosureAsync(actor, $"Opened the live room ({basis.Recorded})", meetingId: meetingId);

    public async Task JoinAsync(Actor actor, Guid meetingId, string seatKey)
    {
        var (snapshot, _) = await EnterAsync(actor, meetingId);
        await confidentiality.EnsureAcknowledgedAsync(actor, meetingId);
        if (!presence.Join(meetingId, seatKey, actor)) return;
        if (snapshot.View.Status is MeetingStatus.Circulated or MeetingStatus.Live)
            await RecordArrivalAsync(actor, meetingId);
        await notifier.PublishAsync(new MeetingChanged(meetingId, snapshot.View.Version, "presence", actor.PersonId));
    }

    public async Task LeaveAsync(Guid meetingId, string seatKey)
    {
        if (!presence.Leave(meetingId, seatKey, out var personId)) return;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var attendance = await db.Attendances
                .SingleOrDefaultAsync(a => a.MeetingId == meetingId && a.PersonId == personId && a.LeftAt == null);
            if (attendance is not null)
            {
                attendance.LeftAt = clock.GetUtcNow();
                var who = await db.People.Where(p => p.Id == personId)
                    .Select(p => new { p.FullName, p.AgencyId, UserId = db.Users.Where(u => u.PersonId == p.Id).Select(u => u.Id).FirstOrDefault() })
                    .SingleAsync();
                audit.Add(db, new Actor(who.UserId ?? "", personId, who.AgencyId, who.FullName, new HashSet<Role>()),
                    AuditAction.Changed, "Left the live room: leaving time recorded", meetingId: meetingId);
                await db.SaveChangesAsync();
            }
        }
        var snapshot = await readModel.GetAsync(meetingId);
        await notifier.PublishAsync(new MeetingChanged(meetingId, snapshot?.View.Version ?? 0, "presence", personId));
    }

    /// <summary>Joining the room records the person present remotely; the chair can correct it.</summary>
    async Task RecordArrivalAsync(Actor actor, Guid meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var attendance = await db.Attendances.SingleOrDefaultAsync(a => a.MeetingId == meetingId && a.PersonId == actor.PersonId);
        if (attendance is null)
        {
            db.Attendances.Add(new Domain.Attendance
            {
                MeetingId = meetingId, AgencyId = actor.AgencyId, PersonId = actor.PersonId,
                Status = AttendanceStatus.PresentRemote, JoinedAt = clock.GetUtcNow(),
            });
        }
        else
        {
            // Joining after sending apologies means they came after all; a chair's mark stands.
            if (!attendance.Status.IsPresent()) attendance.Status = AttendanceStatus.PresentRemote;
            attendance.LeftAt = null;
            attendance.JoinedAt ??= clock.GetUtcNow();
        }
        // What the room showed is recorded by the read; this records the attendance it changed.
        audit.Add(db, actor, AuditAction.Changed, "Joined the live room: joining time recorded", meetingId: meetingId);
        await db.SaveChangesAsync();
    }

    /// <summary>The meeting as last saved, and what this person may see of it; refuses anyone who may not enter.</summary>
    async Task<(MeetingSnapshot Snapshot, SharingBasis Basis)> EnterAsync(Actor actor, Guid meetingId, long atLeastVersion = 0)
    {
        var snapshot = await readModel.GetAsync(meetingId, atLeastVersion)
            ?? throw new NotFoundException("That meeting does not exist.");
        LiveAccess.EnsureCanEnter(snapshot, actor);
        var basis = await needToKnow.MeetingBasisAsync(actor, snapshot.PanelId, snapshot.View.Status);
        return (snapshot, basis);
    }
}
