using System.Collections.Concurrent;
using DapPanel.Core.Data;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Attendance;

/// <summary>
/// Who has acknowledged the confidentiality statement for which meeting. An acknowledgement never
/// expires within its meeting, so once seen it is remembered: the live room asks on every refresh.
/// </summary>
public sealed class ConfidentialityRegister(IDbContextFactory<DapPanelDbContext> dbFactory)
{
    readonly ConcurrentDictionary<(Guid MeetingId, Guid PersonId), byte> acknowledged = new();

    public async Task<bool> HasAcknowledgedAsync(Guid meetingId, Guid personId, CancellationToken cancellationToken = default)
    {
        if (acknowledged.ContainsKey((meetingId, personId))) return true;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.ConfidentialityAcknowledgements
            .AnyAsync(a => a.MeetingId == meetingId && a.PersonId == personId, cancellationToken);
        if (found) Remember(meetingId, personId);
        return found;
    }

    public async Task EnsureAcknowledgedAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        if (!await HasAcknowledgedAsync(meetingId, actor.PersonId, cancellationToken))
            throw new ConfidentialityNotAcknowledgedException();
    }

    internal void Remember(Guid meetingId, Guid personId) => acknowledged[(meetingId, personId)] = 0;

    /// <summary>Nobody has the meeting's room open here: what was remembered for it is read again if needed.</summary>
    public void Forget(Guid meetingId)
    {
        foreach (var key in acknowledged.Keys)
            if (key.MeetingId == meetingId) acknowledged.TryRemove(key, out _);
    }
}
