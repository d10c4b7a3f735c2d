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
    Task<LiveMeetingView> GetViewAsync(Actor actor, Guid meetingId, long atLeastVersion = 0, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<ChangeEntry>> ChangesSinceAsync(Actor actor, Guid meetingId, long version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a seat in the room. While the meeting is live the person is recorded present; before it starts they are
    /// reading ahead, and are recorded present if they are still there when it starts (call again then).
    /// </summary>
    Task JoinAsync(Actor actor, Guid meetingId, string seatKey, CancellationToken cancellationToken = default);
    Task LeaveAsync(Guid meetingId, string seatKey, CancellationToken cancellationToken = default);
}

public sealed class LiveMeetingQueries(
    IDbContextFactory<DapPanelDbContext> dbFactory, LiveMeetingReadModel readModel, MeetingPresence presence,
    IMeetingNotifier notifier, ConfidentialityRegister confidentiality, NeedToKnow needToKnow, IAuditLog audit,
    TimeProvider clock) : ILiveMeetingQueries
{
    const int MaxCatchUp = 500;

    public async Task<LiveMeetingView> GetViewAsync(Actor actor, Guid meetingId, long atLeastVersion = 0,
        CancellationToken cancellationToken = default)
    {
        var (snapshot, basis) = await EnterAsync(actor, meetingId, atLeastVersion, cancellationToken);
        await confidentiality.EnsureAcknowledgedAsync(actor, meetingId, cancellationToken);
        await RecordDisclosureAsync(actor, meetingId, basis);
        return snapshot.For(basis) with { Present = presence.Present(meetingId, snapshot.AgencyNames) };
    }

    public async Task<IReadOnlyList<ChangeEntry>> ChangesSinceAsync(Actor actor, Guid meetingId, long version,
        CancellationToken cancellationToken = default)
    {
        var (_, basis) = await EnterAsync(actor, meetingId, cancellationToken: cancellationToken);
        await confidentiality.EnsureAcknowledgedAsync(actor, meetingId, cancellationToken);
        await RecordDisclosureAsync(actor, meetingId, basis);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MeetingChanges.AsNoTracking()
            .Where(c => c.MeetingId == meetingId && c.Id > version)
            .OrderBy(c => c.Id).Take(MaxCatchUp)
            .Select(c => new ChangeEntry(c.Id, c.Kind, c.EntityId, c.Summary, c.ActorName, c.At))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Once per page view or hub connection, however often the room reads the meeting again.</summary>
    Task RecordDisclosureAsync(Actor actor, Guid meetingId, SharingBasis basis) =>
        audit.RecordDisclosureAsync(actor, $"Opened the live room ({basis.Recorded})", meetingId: meetingId);

    /// <summary>Reading ahead is reading: only joining a live meeting records attendance.</summary>
    public async Task JoinAsync(Actor actor, Guid meetingId, string seatKey, CancellationToken cancellationToken = default)
    {
        var (snapshot, _) = await EnterAsync(actor, meetingId, cancellationToken: cancellationToken);
        await confidentiality.EnsureAcknowledgedAsync(actor, meetingId, cancellationToken);
        var firstSeat = presence.Join(meetingId, seatKey, actor);
        var arrived = snapshot.View.Status == MeetingStatus.Live && await RecordArrivalAsync(actor, meetingId, cancellationToken);
        if (firstSeat || arrived)
            await notifier.PublishAsync(new MeetingChanged(meetingId, snapshot.View.Version, "presence", actor.PersonId));
    }

    public async Task LeaveAsync(Guid meetingId, string seatKey, CancellationToken cancellationToken = default)
    {
        if (!presence.Leave(meetingId, seatKey, out var personId, out var roomEmpty)) return;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var attendance = await db.Attendances.SingleOrDefaultAsync(
                a => a.MeetingId == meetingId && a.PersonId == personId && a.JoinedAt != null && a.LeftAt == null, cancellationToken);
            if (attendance is not null)
            {
                attendance.LeftAt = clock.GetUtcNow();
                var who = await db.People.Where(p => p.Id == personId)
                    .Select(p => new { p.FullName, p.AgencyId, UserId = db.Users.Where(u => u.PersonId == p.Id).Select(u => u.Id).FirstOrDefault() })
                    .SingleAsync(cancellationToken);
                audit.Add(db, new Actor(who.UserId ?? "", personId, who.AgencyId, who.FullName, new HashSet<Role>()),
                    AuditAction.Changed, "Left the live room: leaving time recorded", meetingId: meetingId);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        if (roomEmpty)
        {
            // Nobody on this node has the room open: its snapshot and acknowledgements are read again if someone returns.
            readModel.Release(meetingId);
            confidentiality.Forget(meetingId);
            return;
        }
        var snapshot = await readModel.GetAsync(meetingId, cancellationToken: cancellationToken);
        await notifier.PublishAsync(new MeetingChanged(meetingId, snapshot?.View.Version ?? 0, "presence", personId));
    }

    /// <summary>Records the person present remotely; true when that changed their line.</summary>
    async Task<bool> RecordArrivalAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await Arrivals.RecordAsync(db, meetingId, actor.PersonId, actor.AgencyId, clock.GetUtcNow(), cancellationToken))
            return false;
        // What the room showed is recorded by the read; this records the attendance it changed.
        audit.Add(db, actor, AuditAction.Changed, "Joined the live room: joining time recorded", meetingId: meetingId);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The meeting as last saved, and what this person may see of it; refuses anyone who may not enter.</summary>
    async Task<(MeetingSnapshot Snapshot, SharingBasis Basis)> EnterAsync(Actor actor, Guid meetingId, long atLeastVersion = 0,
        CancellationToken cancellationToken = default)
    {
        var snapshot = await readModel.GetAsync(meetingId, atLeastVersion, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
        LiveAccess.EnsureCanEnter(snapshot, actor);
        var basis = await needToKnow.MeetingBasisAsync(actor, snapshot.PanelId, snapshot.View.Status, cancellationToken);
        return (snapshot, basis);
    }
}
