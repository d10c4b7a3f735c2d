namespace DapPanel.Core.Domain;

public class Case : Entity
{
    /// <summary>Pseudonymous reference used wherever the name need not be shown.</summary>
    public required string Reference { get; set; }
    public required Perpetrator Perpetrator { get; set; }
    public ReferralSource ReferralSource { get; set; }
    public DateOnly ReferredOn { get; set; }
    public RiskLevel RiskLevel { get; set; } = RiskLevel.High;
    public bool IsSerialPerpetrator { get; set; }
    public int ChildrenCount { get; set; }
    public string? Summary { get; set; }
    public string? OffendingHistory { get; set; }
    public CaseStatus Status { get; set; } = CaseStatus.Referred;
    public DateOnly? AcceptedOn { get; set; }
    public DateOnly? ReviewDueOn { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public ClosureReason? ClosureReason { get; set; }
    public string? ExtensionReason { get; set; }
    public EngagementStatus Engagement { get; set; } = EngagementStatus.NotYetKnown;
    public List<VictimSurvivor> VictimSurvivors { get; set; } = [];

    public const int MinimumMonthsBeforeClosure = 3;
    public const int MonthsBeforeExtensionNeeded = 12;

    public DateOnly? EarliestClosureOn => AcceptedOn?.AddMonths(MinimumMonthsBeforeClosure);
    public DateOnly? ExtensionNeededFrom => AcceptedOn?.AddMonths(MonthsBeforeExtensionNeeded);

    public bool IsOpen => Status is CaseStatus.Accepted or CaseStatus.Review;

    public bool NeedsExtensionReason(DateOnly today) =>
        IsOpen && ExtensionNeededFrom is { } from && today >= from && PlainText.IsBlank(ExtensionReason);

    public void Accept(DateOnly today)
    {
        if (Status is CaseStatus.Accepted or CaseStatus.Closed)
            throw new DomainRuleException($"The case is already {Status.Label().ToLowerInvariant()}.");
        Status = CaseStatus.Accepted;
        AcceptedOn = today;
    }

    public void MarkNotSuitable()
    {
        if (Status is CaseStatus.Accepted or CaseStatus.Closed)
            throw new DomainRuleException("An accepted or closed case cannot be found not suitable; close it instead.");
        Status = CaseStatus.NotSuitable;
    }

    public void ScheduleReview(DateOnly reviewOn)
    {
        if (Status == CaseStatus.Closed)
            throw new DomainRuleException("A closed case cannot be brought back for review.");
        if (Status != CaseStatus.Accepted) Status = CaseStatus.Review;
        ReviewDueOn = reviewOn;
    }

    public void Close(DateOnly today, ClosureReason reason)
    {
        if (Status == CaseStatus.Closed)
            throw new DomainRuleException("The case is already closed.");
        if (AcceptedOn is null)
            throw new DomainRuleException("Only an accepted case can be closed; a referral is found not suitable instead.");
        if (today < EarliestClosureOn)
            throw new DomainRuleException(
                $"A case cannot be closed before 3 months from acceptance: accepted {AcceptedOn:d MMM yyyy}, earliest closure {EarliestClosureOn:d MMM yyyy}.");
        Status = CaseStatus.Closed;
        ClosedOn = today;
        ClosureReason = reason;
    }

    public void Extend(string? reason)
    {
        if (!IsOpen)
            throw new DomainRuleException("Only an open case can be extended.");
        if (PlainText.IsBlank(reason))
            throw new DomainRuleException("An extension beyond 12 months needs a reason: say why the risk is still a concern.");
        ExtensionReason = reason.Trim();
    }
}

public class Perpetrator
{
    public required string FullName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public List<string> Aliases { get; set; } = [];
}

/// <summary>A victim-survivor of the case; address and contact are the most sensitive fields of all.</summary>
public class VictimSurvivor : Entity
{
    public Guid CaseId { get; set; }
    public required string FullName { get; set; }
    public string? Address { get; set; }
    public string? Contact { get; set; }
}
