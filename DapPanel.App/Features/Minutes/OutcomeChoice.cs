using DapPanel.Core.Domain;

namespace DapPanel.App.Features.Minutes;

/// <summary>What someone says became of an action coming back.</summary>
public sealed record OutcomeChoice(Guid ActionId, Guid Version, ActionStatus Outcome, string? Note);
