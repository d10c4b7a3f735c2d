namespace DapPanel.Core.Domain;

/// <summary>
/// One saved change to a meeting, in order. Its id is the meeting's version for live updates and
/// for catching up after a dropped connection; its command id makes a retried command a no-op.
/// </summary>
public class MeetingChange
{
    public long Id { get; set; }
    public Guid MeetingId { get; set; }
    public Guid? CommandId { get; set; }
    public required string Kind { get; set; }
    public Guid? EntityId { get; set; }
    public required string Summary { get; set; }
    public string? ActorName { get; set; }
    public DateTimeOffset At { get; set; }
}
