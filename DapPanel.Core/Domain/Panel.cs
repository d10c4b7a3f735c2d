namespace DapPanel.Core.Domain;

public class Panel : Entity
{
    public required string Name { get; set; }
    public required string Area { get; set; }
    public int CadenceDays { get; set; } = 14;
    public int DefaultMeetingMinutes { get; set; } = 120;
    /// <summary>How many days before a meeting agencies should receive its case list.</summary>
    public int NoticePeriodDays { get; set; } = 7;
    public List<PanelMembership> Members { get; set; } = [];
    public List<PanelChair> Chairs { get; set; } = [];
}

/// <summary>An agency's membership of a panel; core members are expected at every meeting.</summary>
public class PanelMembership : Entity
{
    public Guid PanelId { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public bool IsCore { get; set; } = true;
    public DateOnly JoinedOn { get; set; }
}

public class PanelChair : Entity
{
    public Guid PanelId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
}
