namespace DapPanel.Core.Domain;

/// <summary>
/// One version of a panel's information-sharing agreement: the basis on which member agencies share case
/// information. Versions are never edited; publishing a new one asks every member to acknowledge again.
/// </summary>
public class InformationSharingAgreement : Entity
{
    public Guid PanelId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public required string PublishedByName { get; set; }

    public const int MaxTextLength = 8000;
}

/// <summary>A person's acknowledgement of one version of their panel's agreement.</summary>
public class AgreementAcknowledgement : Entity
{
    public Guid PanelId { get; set; }
    public int AgreementNumber { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset AcknowledgedAt { get; set; }
}
