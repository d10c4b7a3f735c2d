namespace DapPanel.Core.Domain;

/// <summary>How a case came to the panel: who referred it and whether it repeats an earlier case.</summary>
public class Referral : Entity
{
    public Guid CaseId { get; set; }
    public required string ReferrerName { get; set; }
    public Guid ReferrerAgencyId { get; set; }
    public Agency? ReferrerAgency { get; set; }
    /// <summary>The perpetrator or a victim-survivor matched a case heard in the 12 months before.</summary>
    public bool IsRepeat { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedByPersonId { get; set; }
}

/// <summary>A link from a new case to an earlier one it repeats or shares a victim-survivor with.</summary>
public class CaseLink : Entity
{
    public Guid CaseId { get; set; }
    public Guid LinkedCaseId { get; set; }
    public Case? LinkedCase { get; set; }
    public required string Reason { get; set; }
}
