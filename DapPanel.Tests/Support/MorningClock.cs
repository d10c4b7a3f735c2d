using DapPanel.Core.Domain;

namespace DapPanel.Tests.Support;

/// <summary>
/// Real time, moved so that it reads ten in the morning at the panel when it is made: a test that books a meeting
/// "later today" or counts days runs the same at any hour, midnight included.
/// </summary>
public sealed class MorningClock : TimeProvider
{
    readonly TimeSpan shift;

    public MorningClock()
    {
        var now = System.GetUtcNow();
        shift = PanelTime.At(PanelTime.LocalDate(now), new TimeOnly(10, 0)) - now;
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
}
