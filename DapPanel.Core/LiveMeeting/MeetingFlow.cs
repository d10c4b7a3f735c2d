using DapPanel.Core.Domain;
using DapPanel.Core.Security;

namespace DapPanel.Core.LiveMeeting;

/// <summary>The chair's controls: start, move through the agenda, time each item, defer, close.</summary>
public interface IMeetingFlow
{
    Task<long> StartAsync(Actor actor, Guid commandId, Guid meetingId);
    Task<long> CloseAsync(Actor actor, Guid commandId, Guid meetingId);
    Task<long> MoveToAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId);
    Task<long> NextAsync(Actor actor, Guid commandId, Guid meetingId);
    Task<long> StartTimerAsync(Actor actor, Guid commandId, Guid meetingId);
    Task<long> PauseTimerAsync(Actor actor, Guid commandId, Guid meetingId);
    Task<long> DeferAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId);
}

public sealed class MeetingFlow(LiveMeetingWriter writer) : IMeetingFlow
{
    public Task<long> StartAsync(Actor actor, Guid commandId, Guid meetingId) =>
        RunAsChair(actor, commandId, meetingId, "meeting-started", "start the meeting", ctx =>
        {
            ctx.Meeting.Start(ctx.Now);
            var first = ctx.Meeting.AgendaItems.OrderBy(i => i.Order).FirstOrDefault(i => !i.IsDeferred);
            if (first is not null) MakeCurrent(ctx, first);
            return new ChangeNote("Started the meeting");
        });

    public Task<long> CloseAsync(Actor actor, Guid commandId, Guid meetingId) =>
        RunAsChair(actor, commandId, meetingId, "meeting-closed", "close the meeting", ctx =>
        {
            LeaveCurrent(ctx);
            ctx.Meeting.Close(ctx.Now);
            return new ChangeNote("Closed the meeting");
        });

    public Task<long> MoveToAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId) =>
        RunAsChair(actor, commandId, meetingId, "current-item", "move the agenda", ctx =>
        {
            EnsureLive(ctx.Meeting);
            var item = ctx.Item(itemId);
            if (item.Id == ctx.Meeting.CurrentItemId) return new ChangeNote($"Stayed on item {item.Order}", item.Id);
            MakeCurrent(ctx, item);
            return new ChangeNote($"Moved to item {item.Order}", item.Id);
        });

    public Task<long> NextAsync(Actor actor, Guid commandId, Guid meetingId) =>
        RunAsChair(actor, commandId, meetingId, "current-item", "move the agenda", ctx =>
        {
            EnsureLive(ctx.Meeting);
            var ordered = ctx.Meeting.AgendaItems.OrderBy(i => i.Order).ToList();
            var current = ordered.FirstOrDefault(i => i.Id == ctx.Meeting.CurrentItemId);
            var next = ordered.FirstOrDefault(i => i.Order > (current?.Order ?? 0) && !i.IsDeferred && i.HeardAt is null && i.Decision is null)
                ?? ordered.FirstOrDefault(i => i.Id != current?.Id && !i.IsDeferred && i.HeardAt is null && i.Decision is null)
                ?? throw new DomainRuleException("Every item has been heard or deferred; close the meeting when you are ready.");
            MakeCurrent(ctx, next);
            return new ChangeNote($"Moved to item {next.Order}", next.Id);
        });

    public Task<long> StartTimerAsync(Actor actor, Guid commandId, Guid meetingId) =>
        RunAsChair(actor, commandId, meetingId, "timer", "run the timer", ctx =>
        {
            var item = CurrentOf(ctx);
            item.StartTimer(ctx.Now);
            return new ChangeNote($"Started the timer on item {item.Order}", item.Id);
        });

    public Task<long> PauseTimerAsync(Actor actor, Guid commandId, Guid meetingId) =>
        RunAsChair(actor, commandId, meetingId, "timer", "run the timer", ctx =>
        {
            var item = CurrentOf(ctx);
            item.PauseTimer(ctx.Now);
            return new ChangeNote($"Paused the timer on item {item.Order}", item.Id);
        });

    public Task<long> DeferAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId) =>
        RunAsChair(actor, commandId, meetingId, "item-deferred", "defer an item", ctx =>
        {
            if (ctx.Meeting.Status is not (MeetingStatus.Circulated or MeetingStatus.Live or MeetingStatus.Draft))
                throw new DomainRuleException("Items can only be deferred before or during the meeting.");
            var item = ctx.Item(itemId);
            if (item.Decision is not null)
                throw new DomainRuleException("This item already has a decision; record \"review at a later panel\" instead.");
            item.PauseTimer(ctx.Now);
            item.IsDeferred = true;
            item.HeardAt = ctx.Now;
            if (ctx.Meeting.CurrentItemId == item.Id) ctx.Meeting.CurrentItemId = null;
            return new ChangeNote($"Deferred item {item.Order} to a later panel", item.Id, item.CaseId);
        });

    Task<long> RunAsChair(Actor actor, Guid commandId, Guid meetingId, string kind, string whatFor,
        Func<CommandContext, ChangeNote> change)
    {
        actor.Require(whatFor, Role.Chair);
        return writer.RunAsync(actor, commandId, meetingId, kind, ctx => Task.FromResult(change(ctx)));
    }

    static void EnsureLive(Meeting meeting)
    {
        if (meeting.Status != MeetingStatus.Live)
            throw new DomainRuleException("Start the meeting first.");
    }

    static AgendaItem CurrentOf(CommandContext ctx)
    {
        EnsureLive(ctx.Meeting);
        return ctx.Meeting.AgendaItems.SingleOrDefault(i => i.Id == ctx.Meeting.CurrentItemId)
            ?? throw new DomainRuleException("Choose the item the panel is hearing first.");
    }

    static void MakeCurrent(CommandContext ctx, AgendaItem item)
    {
        LeaveCurrent(ctx);
        ctx.Meeting.CurrentItemId = item.Id;
        item.HeardAt = null;
        item.StartTimer(ctx.Now);
    }

    static void LeaveCurrent(CommandContext ctx)
    {
        var current = ctx.Meeting.AgendaItems.SingleOrDefault(i => i.Id == ctx.Meeting.CurrentItemId);
        if (current is null) return;
        current.PauseTimer(ctx.Now);
        current.HeardAt ??= ctx.Now;
        ctx.Meeting.CurrentItemId = null;
    }
}
