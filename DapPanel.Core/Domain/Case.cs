namespace DapPanel.Core.Domain;

public class Case : Entity
{
    /// <summary>The panel that holds the case: only its chairs, member agencies and managers ever see it.</summary>
    public Guid PanelId { get; set; }
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
    /// <summary>The case-management provider's case manager allocated to the case; null until one is.</summary>
    public Guid? CaseManagerPersonId { get; set; }
    /// <summary>How many Adverse Childhood Experiences are recorded; null when none have been recorded (never "none").</summary>
    public int? AdverseChildhoodExperiences { get; set; }
    public List<VictimSurvivor> VictimSurvivors { get; set; } = [];
    /// <summary>Set when the case was erased after its retention period: personal fields are gone, counts and dates stay.</summary>
    public DateOnly? ErasedOn { get; set; }

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

    public bool IsErased => ErasedOn is not null;

    /// <summary>What erased text reads as, wherever it appears.</summary>
    public static string ErasedText(DateOnly erasedOn) => $"Erased on {erasedOn:d MMM yyyy}";

    /// <summary>The day a closed case may be erased: its closure plus the retention period.</summary>
    public DateOnly? ErasableFrom(int retentionMonths) =>
        Status == CaseStatus.Closed && ClosedOn is { } closed ? closed.AddMonths(retentionMonths) : null;

    /// <summary>
    /// Removes the perpetrator's and victim-survivors' identifying details and the case's free text; keeps
    /// the reference, status, dates, counts and categories insight is made from.
    /// </summary>
    public void Erase(DateOnly today, int retentionMonths)
    {
        if (IsErased) throw new DomainRuleException($"{Reference} was already erased on {ErasedOn:d MMM yyyy}.");
        if (ErasableFrom(retentionMonths) is not { } from)
            throw new DomainRuleException($"{Reference} is not closed: only closed cases are erased.");
        if (today < from)
            throw new DomainRuleException(
                $"{Reference} closed on {ClosedOn:d MMM yyyy} and is kept until {from:d MMM yyyy} ({retentionMonths} months).");
        var erased = ErasedText(today);
        Perpetrator.FullName = erased;
        Perpetrator.DateOfBirth = DateOnly.MinValue;
        Perpetrator.Aliases = [];
        Summary = erased;
        OffendingHistory = null;
        ExtensionReason = ExtensionReason is null ? null : erased;
        var number = 1;
        foreach (var victim in VictimSurvivors)
        {
            victim.FullName = $"Victim-survivor {number++}";
            victim.Address = null;
            victim.Contact = null;
            victim.DateOfBirth = null;
        }
        ErasedOn = today;
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
    public Sex Sex { get; set; }
    public Ethnicity Ethnicity { get; set; }
}

/// <summary>A victim-survivor of the case; address and contact are the most sensitive fields of all.</summary>
public class VictimSurvivor : Entity
{
    public Guid CaseId { get; set; }
    public required string FullName { get; set; }
    public string? Address { get; set; }
    public string? Contact { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Sex Sex { get; set; }
    public Ethnicity Ethnicity { get; set; }
}
