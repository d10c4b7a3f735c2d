namespace DapPanel.Core.Domain;

/// <summary>The panel's decision on one agenda item; exactly one item owns it.</summary>
public class Decision : Entity
{
    public Guid AgendaItemId { get; set; }
    public DecisionOutcome Outcome { get; set; }
    public required string Rationale { get; set; }
    public ClosureReason? ClosureReason { get; set; }
    public DateOnly? ReviewOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedByPersonId { get; set; }
}
