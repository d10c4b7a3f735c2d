using System.Collections.Concurrent;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;

namespace DapPanel.Core.LiveMeeting;

/// <summary>Who has the live room open right now: each browser circuit or hub connection is one seat.</summary>
public sealed class MeetingPresence(TimeProvider clock)
{
    sealed record Seat(Guid PersonId, string FullName, Guid AgencyId, DateTimeOffset JoinedAt);

    readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, Seat>> meetings = new();

    /// <summary>True when this person was not present before (their first open seat).</summary>
    public bool Join(Guid meetingId, string seatKey, Actor actor)
    {
        var seats = meetings.GetOrAdd(meetingId, _ => new());
        var wasPresent = seats.Values.Any(s => s.PersonId == actor.PersonId);
        seats[seatKey] = new Seat(actor.PersonId, actor.Name, actor.AgencyId, clock.GetUtcNow());
        return !wasPresent;
    }

    /// <summary>True when this was the person's last open seat.</summary>
    public bool Leave(Guid meetingId, string seatKey, out Guid personId)
    {
        personId = Guid.Empty;
        if (!meetings.TryGetValue(meetingId, out var seats) || !seats.TryRemove(seatKey, out var seat)) return false;
        personId = seat.PersonId;
        return seats.Values.All(s => s.PersonId != seat.PersonId);
    }

    public IReadOnlyList<PresentPerson> Present(Guid meetingId, IReadOnlyDictionary<Guid, string> agencyNames)
    {
        if (!meetings.TryGetValue(meetingId, out var seats)) return ValueList<PresentPerson>.Empty;
        return seats.Values.GroupBy(s => s.PersonId)
            .Select(g => g.OrderBy(s => s.JoinedAt).First())
            .Select(s => new PresentPerson(s.PersonId, s.FullName, s.AgencyId,
                agencyNames.TryGetValue(s.AgencyId, out var name) ? name : "", s.JoinedAt))
            .OrderBy(p => p.AgencyName).ThenBy(p => p.FullName)
            .ToValueList();
    }
}
