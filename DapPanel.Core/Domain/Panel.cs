namespace DapPanel.Core.Domain;

public class Panel : Entity
{
    public required string Name { get; set; }
    public required string Area { get; set; }
    public int CadenceDays { get; set; } = 14;
    public int DefaultMeetingMinutes { get; set; } = 120;
    /// <summary>Where the panel usually meets and its usual online link: new meetings start from them.</summary>
    public string? UsualLocation { get; set; }
    public string? UsualOnlineLink { get; set; }
    /// <summary>Set when administrators archive the panel: it keeps its records but takes no new meetings or cases.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
    /// <summary>How many days before a meeting agencies should receive its case list.</summary>
    public int NoticePeriodDays { get; set; } = 7;
    /// <summary>How many core agencies must be at the table for the panel to decide.</summary>
    public int QuorumCoreAgencies { get; set; } = DefaultQuorum;
    /// <summary>What every attendee acknowledges at each meeting before seeing case detail.</summary>
    public string ConfidentialityStatement { get; set; } = DefaultConfidentialityStatement;
    public List<PanelMembership> Members { get; set; } = [];
    public List<PanelChair> Chairs { get; set; } = [];
    /// <summary>Where the area's population profile by ethnic group comes from (AreaPopulationShare), e.g. the census.</summary>
    public string? AreaPopulationSource { get; set; }

    public bool IsArchived => ArchivedAt is not null;

    public const int DefaultQuorum = 6;
    public const int MaxStatementLength = 4000;

    public const string DefaultConfidentialityStatement =
        "The information shared at this panel is OFFICIAL-SENSITIVE. It is shared only so that member agencies can "
        + "reduce the risk these perpetrators pose to victim-survivors and children. I will not record, copy or pass on "
        + "any case detail except through my own agency's secure records and information-sharing agreement, I will not "
        + "discuss cases outside the panel, and I will tell the chair if I have a conflict of interest in any case.";

    public void SetQuorum(int coreAgencies)
    {
        var core = Members.Count(m => m.IsCore);
        if (coreAgencies < 1)
            throw new DomainRuleException("The quorum must be at least one core agency.");
        if (Members.Count > 0 && coreAgencies > core)
            throw new DomainRuleException($"The quorum cannot be more than the panel's {core} core agencies.");
        QuorumCoreAgencies = coreAgencies;
    }
}

/// <summary>An agency's membership of a panel; core members are expected at every meeting.</summary>
public class PanelMembership : Entity
{
    public Guid PanelId { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public bool IsCore { get; set; } = true;
    public DateOnly JoinedOn { get; set; }
    /// <summary>
    /// Whether the agency has a role in victims' safety and so sees victim-survivor and child details;
    /// null means the default for its kind (NeedToKnow.SharesVictimDetailsByDefault).
    /// </summary>
    public bool? SharesVictimDetails { get; set; }
}

public class PanelChair : Entity
{
    public Guid PanelId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
}
