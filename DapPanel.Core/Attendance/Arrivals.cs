using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Attendance;

/// <summary>
/// A person in the live room while the meeting is live is recorded present remotely; the chair can correct it.
/// Opening the room before the meeting starts is reading ahead, and records nothing.
/// </summary>
public static class Arrivals
{
    /// <summary>Adds or updates the person's line in <paramref name="db"/> (not saved); false when they were already recorded in.</summary>
    public static async Task<bool> RecordAsync(DapPanelDbContext db, Guid meetingId, Guid personId, Guid agencyId, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        var line = db.Attendances.Local.SingleOrDefault(a => a.MeetingId == meetingId && a.PersonId == personId)
            ?? await db.Attendances.SingleOrDefaultAsync(a => a.MeetingId == meetingId && a.PersonId == personId, cancellationToken);
        if (line is null)
        {
            db.Attendances.Add(new Domain.Attendance
            {
                MeetingId = meetingId, AgencyId = agencyId, PersonId = personId,
                Status = Domain.AttendanceStatus.PresentRemote, JoinedAt = at,
            });
            return true;
        }
        if (line.Status.IsPresent() && line.JoinedAt is not null && line.LeftAt is null) return false;
        line.Arrived(at);
        return true;
    }
}
