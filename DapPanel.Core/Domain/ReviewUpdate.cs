namespace DapPanel.Core.Domain;

/// <summary>The case-management provider's update on a review item, written before the panel.</summary>
public class ReviewUpdate : Entity
{
    public Guid AgendaItemId { get; set; }
    public Guid CaseId { get; set; }
    public CaseWorkStatus WorkStatus { get; set; }
    public EngagementStatus Engagement { get; set; }
    public int BehaviourChangeSessions { get; set; }
    public string? Notes { get; set; }
    public List<Intervention> Interventions { get; set; } = [];
    public List<SeverityRating> Severities { get; set; } = [];
    /// <summary>The case's needs as the case manager rates them now; null on updates written before needs were recorded.</summary>
    public NeedsRatings? Needs { get; set; }
    public Guid WrittenByPersonId { get; set; }
    public DateTimeOffset WrittenAt { get; set; }

    public const int MaxSessions = 200;
    public const int MaxNotesLength = 2000;
}

/// <summary>An intervention since the last panel, delivered jointly with an agency.</summary>
public class Intervention : Entity
{
    public Guid ReviewUpdateId { get; set; }
    public InterventionKind Kind { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
}

/// <summary>One cell of the Severity of Abuse Grid for one victim-survivor.</summary>
public class SeverityRating : Entity
{
    public Guid ReviewUpdateId { get; set; }
    public Guid VictimSurvivorId { get; set; }
    public AbuseType AbuseType { get; set; }
    public AbuseSeverity Severity { get; set; } = AbuseSeverity.Unknown;
}
