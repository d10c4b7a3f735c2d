using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;

namespace DapPanel.App.Features.Minutes;

/// <summary>The form's editable copy of the chair's text.</summary>
public sealed class MinutesModel
{
    public string? GeneralNotes { get; set; }
    public bool ConfidentialityStatementRead { get; set; }
    public List<MinutesItemModel> Items { get; set; } = [];

    public static MinutesModel From(MinutesEditView view) => new()
    {
        GeneralNotes = view.GeneralNotes,
        ConfidentialityStatementRead = view.ConfidentialityStatementRead,
        Items = view.Items.Select(i => new MinutesItemModel
        {
            AgendaItemId = i.AgendaItemId, Order = i.Order, CaseReference = i.CaseReference, Kind = i.Kind,
            IsDeferred = i.IsDeferred, Outcome = i.Outcome, Summary = i.Summary, Notes = i.Notes,
        }).ToList(),
    };

    public MinutesTexts ToTexts() => new(GeneralNotes, ConfidentialityStatementRead,
        Items.Select(i => new MinutesItemText { AgendaItemId = i.AgendaItemId, Summary = i.Summary, Notes = i.Notes }).ToList());
}

public sealed class MinutesItemModel
{
    public Guid AgendaItemId { get; init; }
    public int Order { get; init; }
    public string CaseReference { get; init; } = "";
    public AgendaItemKind Kind { get; init; }
    public bool IsDeferred { get; init; }
    public DecisionOutcome? Outcome { get; init; }
    public string? Summary { get; set; }
    public string? Notes { get; set; }
}
