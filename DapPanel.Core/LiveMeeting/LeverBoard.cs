using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.LiveMeeting;

public sealed record LeverInput(Guid AgencyId, LeverFamily Family, LeverArea Area, string? Description);

/// <summary>Agencies offer, change and withdraw the levers they hold for a case on the agenda.</summary>
public interface ILeverBoard
{
    Task<long> AddAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, LeverInput lever,
        CancellationToken cancellationToken = default);
    Task<long> EditAsync(Actor actor, Guid commandId, Guid meetingId, Guid leverId, LeverInput lever, Guid expectedVersion,
        CancellationToken cancellationToken = default);
    Task<long> WithdrawAsync(Actor actor, Guid commandId, Guid meetingId, Guid leverId, Guid expectedVersion,
        CancellationToken cancellationToken = default);
}

public sealed class LeverBoard(LiveMeetingWriter writer) : ILeverBoard
{
    public const int MaxDescriptionLength = 1000;

    public Task<long> AddAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, LeverInput input,
        CancellationToken cancellationToken = default) =>
        writer.RunAsync(actor, new LiveCommand(commandId, meetingId, "AddLever", itemId, input), "lever-added", async ctx =>
        {
            LiveAccess.EnsureOpenForContributions(ctx.Meeting, ctx.Actor);
            var item = ctx.Item(itemId);
            var (agencyName, description) = await CheckAsync(ctx, input);
            var lever = new Lever
            {
                CaseId = item.CaseId, MeetingId = meetingId, AgencyId = input.AgencyId, Family = input.Family,
                Area = input.Area, Description = description, OfferedAt = ctx.Now,
            };
            ctx.Db.Levers.Add(lever);
            return new ChangeNote($"{agencyName} offered a {input.Family.Label().ToLowerInvariant()} lever on item {item.Order}: {input.Area.Label()}",
                lever.Id, item.CaseId, After: description, Changed: SnapshotPart.Levers);
        }, cancellationToken);

    public Task<long> EditAsync(Actor actor, Guid commandId, Guid meetingId, Guid leverId, LeverInput input, Guid expectedVersion,
        CancellationToken cancellationToken = default) =>
        writer.RunAsync(actor, new LiveCommand(commandId, meetingId, "EditLever", leverId, input, expectedVersion), "lever-changed", async ctx =>
        {
            LiveAccess.EnsureOpenForContributions(ctx.Meeting, ctx.Actor);
            var lever = await FindAsync(ctx, leverId);
            LiveAccess.EnsureSpeaksFor(ctx.Actor, lever.AgencyId);
            EnsureUnchanged(lever, expectedVersion);
            if (input.AgencyId != lever.AgencyId)
                throw new DomainRuleException("A lever stays with the agency that offered it; withdraw it and add a new one instead.");
            var (agencyName, description) = await CheckAsync(ctx, input);
            var before = $"{lever.Family.Label()} · {lever.Area.Label()}: {lever.Description}";
            (lever.Family, lever.Area, lever.Description) = (input.Family, input.Area, description);
            return new ChangeNote($"{agencyName} changed a lever: {input.Area.Label()}", lever.Id, lever.CaseId, before,
                $"{input.Family.Label()} · {input.Area.Label()}: {description}", SnapshotPart.Levers);
        }, cancellationToken);

    public Task<long> WithdrawAsync(Actor actor, Guid commandId, Guid meetingId, Guid leverId, Guid expectedVersion,
        CancellationToken cancellationToken = default) =>
        writer.RunAsync(actor, new LiveCommand(commandId, meetingId, "WithdrawLever", leverId, expectedVersion), "lever-withdrawn", async ctx =>
        {
            LiveAccess.EnsureOpenForContributions(ctx.Meeting, ctx.Actor);
            var lever = await FindAsync(ctx, leverId);
            LiveAccess.EnsureSpeaksFor(ctx.Actor, lever.AgencyId);
            EnsureUnchanged(lever, expectedVersion);
            lever.IsWithdrawn = true;
            return new ChangeNote($"Withdrew a lever: {lever.Area.Label()}", lever.Id, lever.CaseId, lever.Description,
                Changed: SnapshotPart.Levers);
        }, cancellationToken);

    static async Task<(string AgencyName, string Description)> CheckAsync(CommandContext ctx, LeverInput input)
    {
        LiveInput.Known(input.Family, "lever family");
        LiveInput.Known(input.Area, "lever area");
        Lever.EnsureAreaFits(input.Family, input.Area);
        var description = LiveInput.Text(input.Description, MaxDescriptionLength, "description of what your agency holds");
        LiveAccess.EnsureSpeaksFor(ctx.Actor, input.AgencyId);
        var agencyName = await ctx.Db.PanelMemberships
            .Where(m => m.PanelId == ctx.Meeting.PanelId && m.AgencyId == input.AgencyId)
            .Select(m => m.Agency!.Name).SingleOrDefaultAsync(ctx.CancellationToken)
            ?? throw new DomainRuleException("That agency is not a member of this panel.");
        return (agencyName, description);
    }

    static async Task<Lever> FindAsync(CommandContext ctx, Guid leverId)
    {
        var caseIds = ctx.Meeting.AgendaItems.Select(i => i.CaseId).ToList();
        return await ctx.Db.Levers.SingleOrDefaultAsync(l => l.Id == leverId && caseIds.Contains(l.CaseId), ctx.CancellationToken)
            ?? throw new NotFoundException("That lever is not on this meeting's agenda.");
    }

    /// <summary>Asked only after the caller is known to speak for the lever's agency: the conflict quotes the lever.</summary>
    static void EnsureUnchanged(Lever lever, Guid expectedVersion)
    {
        if (lever.Version != expectedVersion)
            throw new ConcurrencyConflictException(
                $"Someone changed this lever before you saved. It now reads: {lever.Family.Label()} · {lever.Area.Label()}: \"{lever.Description}\"{(lever.IsWithdrawn ? " (withdrawn)" : "")}.");
    }
}
