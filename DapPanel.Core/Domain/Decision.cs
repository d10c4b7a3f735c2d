namespace DapPanel.Core.Domain;

/// <summary>The panel's decision on one agenda item; exactly one item owns it.</summary>
public class Decision : Entity
{
    public Guid AgendaItemId { get; set; }
    public DecisionOutcome Outcome { get; set; }
    public required string Rationale { get; set; }
    public ClosureReason? ClosureReason { get; set; }
    public DateOnly? ReviewOn { get; set; }
    public string? ExtensionReason { get; set; }
    /// <summary>The case as it stood before this decision, so a changed decision starts from there.</summary>
    public CaseStatus CaseStatusBefore { get; set; }
    public DateOnly? CaseAcceptedOnBefore { get; set; }
    public DateOnly? CaseReviewDueOnBefore { get; set; }
    public string? CaseExtensionReasonBefore { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedByPersonId { get; set; }
    public string? RecordedByName { get; set; }

    public const int MaxRationaleLength = 4000;

    /// <summary>Applies the outcome to the case; the case's prior state is kept for a later change.</summary>
    public void ApplyTo(Case c, DateOnly today)
    {
        CaseStatusBefore = c.Status;
        CaseAcceptedOnBefore = c.AcceptedOn;
        CaseReviewDueOnBefore = c.ReviewDueOn;
        CaseExtensionReasonBefore = c.ExtensionReason;
        switch (Outcome)
        {
            case DecisionOutcome.Accept:
                c.Accept(today);
                break;
            case DecisionOutcome.NotSuitable:
                c.MarkNotSuitable();
                break;
            case DecisionOutcome.Review:
                c.ScheduleReview(ReviewOn ?? throw new DomainRuleException("Say when the case comes back for review."));
                break;
            case DecisionOutcome.Close:
                c.Close(today, ClosureReason ?? throw new DomainRuleException("Choose a closure reason from the list."));
                break;
            case DecisionOutcome.Extend:
                c.Extend(ExtensionReason);
                break;
        }
    }

    /// <summary>Puts the case back as it was before this decision was applied.</summary>
    public void RevertFrom(Case c)
    {
        c.Status = CaseStatusBefore;
        c.AcceptedOn = CaseAcceptedOnBefore;
        c.ReviewDueOn = CaseReviewDueOnBefore;
        c.ExtensionReason = CaseExtensionReasonBefore;
        c.ClosedOn = null;
        c.ClosureReason = null;
    }
}
