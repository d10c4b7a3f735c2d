using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.LiveMeeting;

public sealed record DecisionInput(DecisionOutcome Outcome, string? Rationale, ClosureReason? ClosureReason = null,
    DateOnly? ReviewOn = null, string? ExtensionReason = null);

/// <summary>The chair records the panel's decision on an item, and may change it.</summary>
public interface IDecisionRecorder
{
    /// <param name="expectedVersion">The version the chair was looking at; null when recording the first decision.</param>
    Task<long> RecordAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, DecisionInput input, Guid? expectedVersion,
        CancellationToken cancellationToken = default);
}

public sealed class DecisionRecorder(LiveMeetingWriter writer) : IDecisionRecorder
{
    public Task<long> RecordAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, DecisionInput input,
        Guid? expectedVersion, CancellationToken cancellationToken = default)
    {
        actor.Require("record the panel's decision", Role.Chair);
        var command = new LiveCommand(commandId, meetingId, "RecordDecision", itemId, input, expectedVersion);
        return writer.RunAsChairAsync(actor, command, "decision", async ctx =>
        {
            if (ctx.Meeting.Status is not (MeetingStatus.Live or MeetingStatus.Closed))
                throw new DomainRuleException("Decisions are recorded once the meeting has started.");
            var item = ctx.Item(itemId);
            if (item.IsDeferred)
                throw new DomainRuleException("This item was deferred to a later panel.");
            var rationale = LiveInput.Text(input.Rationale, Decision.MaxRationaleLength, "rationale for the decision");
            LiveInput.Known(input.Outcome, "outcome");
            if (input.ClosureReason is { } reason) LiveInput.Known(reason, "closure reason");
            if (input.Outcome == DecisionOutcome.Review && input.ReviewOn is { } reviewOn)
                PanelDates.After(reviewOn, ctx.Meeting.Date, "review date");

            var c = await ctx.Db.Cases.SingleAsync(x => x.Id == item.CaseId, ctx.CancellationToken);
            var existing = item.Decision;
            var before = existing is null ? null : Describe(existing.Outcome, existing.Rationale);
            if (existing is not null)
            {
                if (expectedVersion != existing.Version)
                    throw new ConcurrencyConflictException(
                        $"{existing.RecordedByName ?? "Another chair"} recorded a decision first: {Describe(existing.Outcome, existing.Rationale)}. Review it, then change it if the panel agrees.");
                existing.RevertFrom(c);
            }
            else if (expectedVersion is not null)
            {
                throw new ConcurrencyConflictException("The decision you were changing has gone; reload the item.");
            }

            var decision = existing ?? new Decision { AgendaItemId = item.Id, Rationale = rationale };
            decision.Outcome = input.Outcome;
            decision.Rationale = rationale;
            decision.ClosureReason = input.Outcome == DecisionOutcome.Close ? input.ClosureReason : null;
            decision.ReviewOn = input.Outcome == DecisionOutcome.Review ? input.ReviewOn : null;
            decision.ExtensionReason = input.Outcome == DecisionOutcome.Extend
                ? LiveInput.Text(input.ExtensionReason, 2000, "reason for extending beyond 12 months") : null;
            decision.RecordedAt = ctx.Now;
            decision.RecordedByPersonId = actor.PersonId;
            decision.RecordedByName = actor.Name;
            decision.ApplyTo(c, ctx.Today);
            if (existing is null) ctx.Db.Decisions.Add(decision);

            var after = Describe(decision.Outcome, rationale);
            var verb = existing is null ? "Recorded" : "Changed";
            var correction = ctx.Meeting.Status == MeetingStatus.Closed ? " (correction after the meeting closed)" : "";
            return new ChangeNote($"{verb} the decision on item {item.Order} ({c.Reference}): {decision.Outcome.Label()}{correction}",
                decision.Id, c.Id, before, after);
        }, cancellationToken);
    }

    static string Describe(DecisionOutcome outcome, string rationale) => $"{outcome.Label()} — \"{rationale}\"";
}
