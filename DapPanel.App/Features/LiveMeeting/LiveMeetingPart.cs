using Microsoft.AspNetCore.Components;

namespace DapPanel.App.Features.LiveMeeting;

/// <summary>
/// A part of the live room that renders again only when what it shows has changed. Every change to a meeting
/// reaches every open room: one lever added re-renders the levers panel in each circuit, not the whole room.
/// </summary>
public abstract class LiveMeetingPart : ComponentBase
{
    [CascadingParameter] public LiveMeetingState Room { get; set; } = default!;

    object? renderedFrom;

    /// <summary>
    /// Everything the markup depends on, parameters and the part's own state, as one value (records, tuples,
    /// ValueLists): when it equals the last rendered one, rendering is skipped.
    /// </summary>
    protected abstract object RenderedFrom { get; }

    protected override bool ShouldRender()
    {
        var current = RenderedFrom;
        if (Equals(current, renderedFrom)) return false;
        renderedFrom = current;
        return true;
    }
}
