namespace DapPanel.Core.Domain;

/// <summary>
/// One saved change to a meeting, in order. Its id is the meeting's version for live updates and
/// for catching up after a dropped connection; its command id and fingerprint make a retried command a no-op
/// and a reused id for something else a refusal.
/// </summary>
public class MeetingChange
{
    public long Id { get; set; }
    public Guid MeetingId { get; set; }
    public Guid? CommandId { get; set; }
    /// <summary>What the command asked for and who sent it (LiveCommand): a reused id must ask for the same.</summary>
    public string? CommandFingerprint { get; set; }
    public required string Kind { get; set; }
    public Guid? EntityId { get; set; }
    public required string Summary { get; set; }
    public string? ActorName { get; set; }
    public DateTimeOffset At { get; set; }
}
