using System.Collections.Concurrent;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;

namespace DapPanel.Core.LiveMeeting;

/// <summary>Who has the live room open right now: each browser circuit or hub connection is one seat.</summary>
public sealed class MeetingPresence(TimeProvider clock)
{
    sealed record Seat(Guid PersonId, string FullName, Guid AgencyId, DateTimeOffset JoinedAt);

    /// <summary>The seats of one meeting, and who is present worked out from them once per change of seats.</summary>
    sealed class Room
    {
        public readonly ConcurrentDictionary<string, Seat> Seats = new();
        long version;
        volatile PresentList? present;

        public long Version => Interlocked.Read(ref version);
        public void SeatsChanged() => Interlocked.Increment(ref version);

        /// <summary>Every open room asks after each change; the list is built once per change of seats.</summary>
        public IReadOnlyList<PresentPerson> Present(IReadOnlyDictionary<Guid, string> agencyNames)
        {
            var seen = Version;
            if (present is { } known && known.Version == seen && ReferenceEquals(known.AgencyNames, agencyNames)) return known.People;
            var people = Seats.Values.GroupBy(s => s.PersonId)
                .Select(g => g.OrderBy(s => s.JoinedAt).First())
                .Select(s => new PresentPerson(s.PersonId, s.FullName, s.AgencyId,
                    agencyNames.TryGetValue(s.AgencyId, out var name) ? name : "", s.JoinedAt))
                .OrderBy(p => p.AgencyName).ThenBy(p => p.FullName)
                .ToValueList();
            // Seats changed while it was built: kept under the old version, so the next reader builds it again.
            present = new PresentList(seen, agencyNames, people);
            return people;
        }
    }

    sealed record PresentList(long Version, IReadOnlyDictionary<Guid, string> AgencyNames, IReadOnlyList<PresentPerson> People);

    readonly ConcurrentDictionary<Guid, Room> meetings = new();

    /// <summary>True when this person was not present before (their first open seat).</summary>
    public bool Join(Guid meetingId, string seatKey, Actor actor)
    {
        while (true)
        {
            var room = meetings.GetOrAdd(meetingId, _ => new());
            lock (room)
            {
                // The room was emptied and released between the two lines above: take a seat in its successor.
                if (!meetings.TryGetValue(meetingId, out var current) || !ReferenceEquals(current, room)) continue;
                var wasPresent = room.Seats.Values.Any(s => s.PersonId == actor.PersonId);
                room.Seats[seatKey] = new Seat(actor.PersonId, actor.Name, actor.AgencyId, clock.GetUtcNow());
                room.SeatsChanged();
                return !wasPresent;
            }
        }
    }

    /// <summary>True when this was the person's last open seat; <paramref name="roomEmpty"/> when it was anyone's last.</summary>
    public bool Leave(Guid meetingId, string seatKey, out Guid personId, out bool roomEmpty)
    {
        personId = Guid.Empty;
        roomEmpty = false;
        if (!meetings.TryGetValue(meetingId, out var room) || !room.Seats.TryRemove(seatKey, out var seat)) return false;
        room.SeatsChanged();
        personId = seat.PersonId;
        if (room.Seats.IsEmpty)
        {
            // Released only as it was left: a seat taken meanwhile keeps the room.
            lock (room)
                if (room.Seats.IsEmpty && meetings.TryRemove(new KeyValuePair<Guid, Room>(meetingId, room))) roomEmpty = true;
        }
        return room.Seats.Values.All(s => s.PersonId != seat.PersonId);
    }

    /// <summary>The people with a seat in the meeting's room on this node.</summary>
    public IReadOnlyList<(Guid PersonId, Guid AgencyId)> Seated(Guid meetingId) =>
        meetings.TryGetValue(meetingId, out var room)
            ? room.Seats.Values.Select(s => (s.PersonId, s.AgencyId)).Distinct().ToList()
            : [];

    /// <summary>Meetings with a room open on this node (each one's seats and who is present).</summary>
    public int OpenRooms => meetings.Count;

    public IReadOnlyList<PresentPerson> Present(Guid meetingId, IReadOnlyDictionary<Guid, string> agencyNames) =>
        meetings.TryGetValue(meetingId, out var room) ? room.Present(agencyNames) : ValueList<PresentPerson>.Empty;
}
