namespace DapPanel.Core.Domain;

/// <summary>Something an agency agreed to do; it comes back at the next panel until it is done.</summary>
public class PanelAction : Entity
{
    public Guid CaseId { get; set; }
    public Case? Case { get; set; }
    public Guid AgendaItemId { get; set; }
    public required string Description { get; set; }
    public Guid OwnerAgencyId { get; set; }
    public Agency? OwnerAgency { get; set; }
    public Guid? OwnerPersonId { get; set; }
    public Person? OwnerPerson { get; set; }
    public DateOnly DueOn { get; set; }
    public ActionStatus Status { get; set; } = ActionStatus.Open;
    public string? OutcomeNote { get; set; }

    public const int MaxDescriptionLength = 1000;

    public static PanelAction Agree(
        Guid caseId, Guid agendaItemId, DateOnly meetingDate, string? description, Guid ownerAgencyId,
        Guid? ownerPersonId, DateOnly? dueOn)
    {
        if (PlainText.IsBlank(description))
            throw new DomainRuleException("Say what the action is.");
        if (description.Length > MaxDescriptionLength)
            throw new DomainRuleException($"An action is at most {MaxDescriptionLength} characters.");
        if (ownerAgencyId == Guid.Empty)
            throw new DomainRuleException("An action needs an owner agency.");
        if (dueOn is null)
            throw new DomainRuleException("An action needs a due date.");
        PanelDates.From(dueOn.Value, meetingDate, "due date");
        return new PanelAction
        {
            CaseId = caseId,
            AgendaItemId = agendaItemId,
            Description = description.Trim(),
            OwnerAgencyId = ownerAgencyId,
            OwnerPersonId = ownerPersonId,
            DueOn = dueOn.Value,
        };
    }

    public bool IsOverdue(DateOnly today) => Status == ActionStatus.Open && DueOn < today;
}
