using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.LiveMeeting;

public sealed record ActionInput(string? Description, Guid OwnerAgencyId, Guid? OwnerPersonId, DateOnly? DueOn);

/// <summary>Actions agreed at the panel: agencies volunteer their own, the chair can assign and reassign.</summary>
public interface IActionBoard
{
    Task<long> AgreeAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, ActionInput input,
        CancellationToken cancellationToken = default);
    Task<long> ReassignAsync(Actor actor, Guid commandId, Guid meetingId, Guid actionId, ActionInput input, Guid expectedVersion,
        CancellationToken cancellationToken = default);
}

public sealed class ActionBoard(LiveMeetingWriter writer) : IActionBoard
{
    public Task<long> AgreeAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, ActionInput input,
        CancellationToken cancellationToken = default) =>
        writer.RunAsync(actor, new LiveCommand(commandId, meetingId, "AgreeAction", itemId, input), "action-agreed", async ctx =>
        {
            LiveAccess.EnsureOpenForContributions(ctx.Meeting, ctx.Actor);
            LiveAccess.EnsureSpeaksFor(ctx.Actor, input.OwnerAgencyId);
            var item = ctx.Item(itemId);
            var agencyName = await CheckOwnerAsync(ctx, input);
            var action = PanelAction.Agree(item.CaseId, item.Id, ctx.Meeting.Date, input.Description, input.OwnerAgencyId,
                input.OwnerPersonId, input.DueOn);
            ctx.Db.Actions.Add(action);
            return new ChangeNote($"Action for {agencyName} on item {item.Order}, due {action.DueOn:d MMM yyyy}", action.Id,
                item.CaseId, After: action.Description, Changed: SnapshotPart.Actions);
        }, cancellationToken);

    public Task<long> ReassignAsync(Actor actor, Guid commandId, Guid meetingId, Guid actionId, ActionInput input,
        Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        actor.Require("reassign an action", Role.Chair);
        var command = new LiveCommand(commandId, meetingId, "ReassignAction", actionId, input, expectedVersion);
        return writer.RunAsChairAsync(actor, command, "action-reassigned", async ctx =>
        {
            LiveAccess.EnsureOpenForContributions(ctx.Meeting, ctx.Actor);
            var itemIds = ctx.Meeting.AgendaItems.Select(i => i.Id).ToList();
            var action = await ctx.Db.Actions.Include(a => a.OwnerAgency)
                .SingleOrDefaultAsync(a => a.Id == actionId && itemIds.Contains(a.AgendaItemId), ctx.CancellationToken)
                ?? throw new NotFoundException("That action was not agreed at this meeting.");
            if (action.Version != expectedVersion)
                throw new ConcurrencyConflictException(
                    $"Someone changed this action before you saved. It is now with {action.OwnerAgency!.Name}, due {action.DueOn:d MMM yyyy}: \"{action.Description}\".");
            var agencyName = await CheckOwnerAsync(ctx, input, keeping: action.OwnerPersonId);
            var checkedAction = PanelAction.Agree(action.CaseId, action.AgendaItemId, ctx.Meeting.Date,
                input.Description ?? action.Description, input.OwnerAgencyId, input.OwnerPersonId, input.DueOn);
            var before = $"{action.OwnerAgency!.Name}, due {action.DueOn:d MMM yyyy}: {action.Description}";
            action.Description = checkedAction.Description;
            action.OwnerAgencyId = checkedAction.OwnerAgencyId;
            action.OwnerPersonId = checkedAction.OwnerPersonId;
            action.DueOn = checkedAction.DueOn;
            return new ChangeNote($"Reassigned an action to {agencyName}", action.Id, action.CaseId, before,
                $"{agencyName}, due {action.DueOn:d MMM yyyy}: {action.Description}", SnapshotPart.Actions);
        }, cancellationToken);
    }

    /// <param name="keeping">The action's present owner, who may stay its owner after their sign-in is disabled.</param>
    static async Task<string> CheckOwnerAsync(CommandContext ctx, ActionInput input, Guid? keeping = null)
    {
        var agencyName = await ctx.Db.PanelMemberships
            .Where(m => m.PanelId == ctx.Meeting.PanelId && m.AgencyId == input.OwnerAgencyId)
            .Select(m => m.Agency!.Name).SingleOrDefaultAsync(ctx.CancellationToken)
            ?? throw new DomainRuleException("The owner must be one of the panel's agencies.");
        if (input.OwnerPersonId is { } personId
            && !await ctx.Db.People.AnyAsync(p => p.Id == personId && p.AgencyId == input.OwnerAgencyId, ctx.CancellationToken))
            throw new DomainRuleException("The person named must belong to the owner agency.");
        if (input.OwnerPersonId is { } newOwner && newOwner != keeping
            && await DepartedPeople.HasLeftAsync(ctx.Db, newOwner))
            throw new DomainRuleException("That person's sign-in is disabled: name someone else at the agency, or leave it with the agency.");
        return agencyName;
    }
}
