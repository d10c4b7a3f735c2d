namespace DapPanel.Core.Domain;

/// <summary>Something an agency holds that the panel can use with this perpetrator.</summary>
public class Lever : Entity
{
    public Guid CaseId { get; set; }
    public Guid? MeetingId { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public LeverFamily Family { get; set; }
    public LeverArea Area { get; set; }
    public required string Description { get; set; }
    public bool IsWithdrawn { get; set; }
    public DateTimeOffset OfferedAt { get; set; }

    public static void EnsureAreaFits(LeverFamily family, LeverArea area)
    {
        if (!LeverAreas.Belongs(area, family))
            throw new DomainRuleException($"\"{area.Label()}\" is not {Labels.WithArticle(family.Label().ToLowerInvariant())} area.");
    }
}
