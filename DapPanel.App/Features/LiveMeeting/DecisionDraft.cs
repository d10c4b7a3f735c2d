using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;

namespace DapPanel.App.Features.LiveMeeting;

/// <summary>
/// The chair's unsaved decision on one item: it starts empty (or as the recorded decision) for that item, stays with
/// it while the chair looks at others, and is dropped once saved or cancelled.
/// </summary>
public sealed class DecisionDraft
{
    public required Guid ItemId { get; init; }
    /// <summary>The recorded decision the chair started from; a save over a later one is refused.</summary>
    public Guid? BaseVersion { get; set; }
    public DecisionOutcome Outcome { get; set; }
    public ClosureReason? ClosureReason { get; set; }
    public DateOnly? ReviewOn { get; set; }
    public string? Rationale { get; set; }
    public string? ExtensionReason { get; set; }

    DecisionInput? started;

    public static DecisionDraft For(LiveItem item)
    {
        var draft = new DecisionDraft
        {
            ItemId = item.Id,
            BaseVersion = item.Decision?.Version,
            Outcome = item.Decision?.Outcome ?? DefaultOutcome(item.Kind),
            Rationale = item.Decision?.Rationale,
            ClosureReason = item.Decision?.ClosureReason,
            ReviewOn = item.Decision?.ReviewOn,
            ExtensionReason = item.Decision?.ExtensionReason,
        };
        draft.started = draft.Input;
        return draft;
    }

    public DecisionInput Input => new(Outcome, Rationale, ClosureReason, ReviewOn, ExtensionReason);

    /// <summary>Nothing typed or chosen since it was opened: it can give way to a decision recorded elsewhere.</summary>
    public bool IsUntouched => Input == started;

    static DecisionOutcome DefaultOutcome(AgendaItemKind kind) => kind switch
    {
        AgendaItemKind.NewReferral => DecisionOutcome.Accept,
        AgendaItemKind.ClosureProposal => DecisionOutcome.Close,
        _ => DecisionOutcome.Review,
    };
}
