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
        var snapshot = await SnapshotAsync(actor, meetingId, atLeastVersion);
        var basis = await needToKnow.BasisAsync(actor, snapshot.PanelId);
        await confidentiality.EnsureAcknowledgedAsync(actor, meetingId);
        return snapshot.For(basis) with { Present = presence.Present(meetingId, snapshot.AgencyNames) };
    }

    public async Task<IReadOnlyList<ChangeEntry>> ChangesSinceAsync(Actor actor, Guid meetingId, long version)
    {
        var snapshot = await SnapshotAsync(actor, meetingId);
        await needToKnow.BasisAsync(actor, snapshot.PanelId);
        await confidentiality.EnsureAcknowledgedAsync(actor, meetingId);
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.MeetingChanges.AsNoTracking()
            .Where(c => c.MeetingId == meetingId && c.Id > version)
            .OrderBy(c => c.Id).Take(MaxCatchUp)
            .Select(c => new ChangeEntry(c.Id, c.Kind, c.EntityId, c.Summary, c.ActorName, c.At))
            .ToListAsync();
    }

    public async Task JoinAsync(Actor actor, Guid meetingId, string seatKey)
    {
        var snapshot = await SnapshotAsync(actor, meetingId);
        if (!presence.Join(meetingId, seatKey, actor)) return;
        if (snapshot.View.Status is MeetingStatus.Circulated or MeetingStatus.Live)
            await RecordArrivalAsync(actor, meetingId);
        else
            await audit.RecordAsync(actor, AuditAction.ViewedCaseDetail, "Opened the live room", meetingId: meetingId);
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
        // Entering the room shows its case detail, and records the person's attendance.
        audit.Add(db, actor, AuditAction.ViewedCaseDetail, "Opened the live room: joining time recorded", meetingId: meetingId);
        await db.SaveChangesAsync();
    }

    async Task<MeetingSnapshot> SnapshotAsync(Actor actor, Guid meetingId, long atLeastVersion = 0)
    {
        var snapshot = await readModel.GetAsync(meetingId, atLeastVersion)
            ?? throw new NotFoundException("That meeting does not exist.");
        LiveAccess.EnsureCanEnter(snapshot, actor);
        return snapshot;
    }
}
