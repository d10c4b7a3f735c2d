using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;

namespace DapPanel.App.Features.LiveMeeting;

/// <summary>What every panel in the room shares: who is looking, what they see, and how to act.</summary>
public sealed class LiveMeetingState(Actor actor, Func<Func<Guid, Task<long>>, string?, Task<bool>> run, TimeProvider clock,
    CancellationToken closing = default)
{
    public Actor Actor { get; } = actor;
    public LiveMeetingView View { get; set; } = default!;
    public DateTimeOffset Now => clock.GetUtcNow();
    /// <summary>Chairs this meeting's panel: a chair elsewhere who sits here for their agency is a member here.</summary>
    public bool IsChair => Actor.Is(Role.Chair) && View.ChairsOrAdministers;
    public bool CanContribute => View.Status is MeetingStatus.Circulated or MeetingStatus.Live
        || (View.Status == MeetingStatus.Closed && IsChair);
    public bool SpeaksFor(Guid agencyId) => IsChair || Actor.AgencyId == agencyId;

    /// <summary>Cancelled when the person leaves the room: what its parts were loading is no longer wanted.</summary>
    public CancellationToken Closing { get; } = closing;

    /// <summary>Agencies this person may add levers and actions for.</summary>
    public IEnumerable<AgencyAtTable> OwnAgencies => View.Agencies.Where(a => SpeaksFor(a.Id));

    /// <summary>Runs one command with a fresh id; false (and a message shown) when it was refused.</summary>
    public Task<bool> RunAsync(Func<Guid, Task<long>> command, string? success = null) => run(command, success);

    /// <summary>
    /// Where the panel is now, for a form opened on another item: "the panel has moved on to item 5", or null when the
    /// form's item is the one being heard (or none is).
    /// </summary>
    public string? MovedOnFrom(Guid formItemId) =>
        View.CurrentItem is { } current && current.Id != formItemId ? $"the panel has moved on to item {current.Order}" : null;
}
