namespace DapPanel.Core.InformationSharing;

/// <summary>A panel's current agreement as one person reads it, with whether they have acknowledged it.</summary>
public sealed record AgreementView(Guid PanelId, string PanelName, int? Number, string? Text, DateTimeOffset? PublishedAt,
    string? PublishedByName, DateTimeOffset? AcknowledgedAt)
{
    public bool IsAcknowledged => AcknowledgedAt is not null;
}

/// <summary>A member agency and whether it sees victim-survivor and child details.</summary>
public sealed record VictimTierAgency(Guid MembershipId, Guid AgencyId, string AgencyName, string KindLabel,
    bool SharesVictimDetails, bool IsPanelChoice, Guid Version);

/// <summary>Whether one member has acknowledged the current agreement.</summary>
public sealed record AcknowledgementRow(string PersonName, string AgencyName, DateTimeOffset? AcknowledgedAt);

public sealed record SharingSettingsView(Guid PanelId, string PanelName, AgreementView Agreement,
    IReadOnlyList<VictimTierAgency> Agencies, IReadOnlyList<AcknowledgementRow> Acknowledgements);
