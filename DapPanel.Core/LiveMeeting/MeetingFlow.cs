using DapPanel.Core.Attendance;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;

namespace DapPanel.Core.LiveMeeting;

/// <summary>The chair's controls: start, move through the agenda, time each item, defer, close.</summary>
public interface IMeetingFlow
{
    Task<long> StartAsync(Actor actor, Guid commandId, Guid meetingId, CancellationToken cancellationToken = default);
    Task<long> CloseAsync(Actor actor, Guid commandId, Guid meetingId, CancellationToken cancellationToken = default);
    Task<long> MoveToAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, CancellationToken cancellationToken = default);
    Task<long> NextAsync(Actor actor, Guid commandId, Guid meetingId, CancellationToken cancellationToken = default);
    Task<long> StartTimerAsync(Actor actor, Guid commandId, Guid meetingId, CancellationToken cancellationToken = default);
    Task<long> PauseTimerAsync(Actor actor, Guid commandId, Guid meetingId, CancellationToken cancellationToken = default);
    Task<long> DeferAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, CancellationToken cancellationToken = default);
}

public sealed class MeetingFlow(LiveMeetingWriter writer, MeetingPresence presence) : IMeetingFlow
{
    public const string ClosedKind = "meeting-closed";

    public Task<long> StartAsync(Actor actor, Guid commandId, Guid meetingId, CancellationToken cancellationToken = default)
    {
        actor.Require("start the meeting", Role.Chair);
        return writer.RunAsChairAsync(actor, new LiveCommand(commandId, meetingId, "StartMeeting"), "meeting-started", async ctx =>
        {
            ctx.Meeting.Start(ctx.Now);
            var first = ctx.Meeting.AgendaItems.OrderBy(i => i.Order).FirstOrDefault(i => !i.IsDeferred);
            if (first is not null) MakeCurrent(ctx, first);
            // Those reading ahead in the room when it starts are at the meeting (rooms on other nodes record their own).
            var arrived = 0;
            foreach (var (personId, agencyId) in presence.Seated(meetingId))
                if (await Arrivals.RecordAsync(ctx.Db, meetingId, personId, agencyId, ctx.Now, ctx.CancellationToken)) arrived++;
            return new ChangeNote(arrived == 0 ? "Started the meeting"
                : $"Started the meeting; {arrived} {(arrived == 1 ? "person" : "people")} in the room recorded present");
        }, cancellationToken);
    }

    public Task<long> CloseAsync(Actor actor, Guid commandId, Guid meetingId, CancellationToken cancellationToken = default) =>
        RunAsChair(actor, new LiveCommand(commandId, meetingId, "CloseMeeting"), ClosedKind, "close the meeting", cancellationToken, ctx =>
        {
            LeaveCurrent(ctx);
            ctx.Meeting.Close(ctx.Now);
            return new ChangeNote("Closed the meeting");
        });

    public Task<long> MoveToAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, CancellationToken cancellationToken = default) =>
        RunAsChair(actor, new LiveCommand(commandId, meetingId, "MoveToItem", itemId), "current-item", "move the agenda", cancellationToken, ctx =>
        {
            EnsureLive(ctx.Meeting);
            var item = ctx.Item(itemId);
            if (item.Id == ctx.Meeting.CurrentItemId) return new ChangeNote($"Stayed on item {item.Order}", item.Id);
            MakeCurrent(ctx, item);
            return new ChangeNote($"Moved to item {item.Order}", item.Id);
        });

    public Task<long> NextAsync(Actor actor, Guid commandId, Guid meetingId, CancellationToken cancellationToken = default) =>
        RunAsChair(actor, new LiveCommand(commandId, meetingId, "NextItem"), "current-item", "move the agenda", cancellationToken, ctx =>
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

    public Task<long> StartTimerAsync(Actor actor, Guid commandId, Guid meetingId, CancellationToken cancellationToken = default) =>
        RunAsChair(actor, new LiveCommand(commandId, meetingId, "StartTimer"), "timer", "run the timer", cancellationToken, ctx =>
        {
            var item = CurrentOf(ctx);
            item.StartTimer(ctx.Now);
            return new ChangeNote($"Started the timer on item {item.Order}", item.Id);
        });

    public Task<long> PauseTimerAsync(Actor actor, Guid commandId, Guid meetingId, CancellationToken cancellationToken = default) =>
        RunAsChair(actor, new LiveCommand(commandId, meetingId, "PauseTimer"), "timer", "run the timer", cancellationToken, ctx =>
        {
            var item = CurrentOf(ctx);
            item.PauseTimer(ctx.Now);
            return new ChangeNote($"Paused the timer on item {item.Order}", item.Id);
        });

    public Task<long> DeferAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, CancellationToken cancellationToken = default) =>
        RunAsChair(actor, new LiveCommand(commandId, meetingId, "DeferItem", itemId), "item-deferred", "defer an item", cancellationToken, ctx =>
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

    Task<long> RunAsChair(Actor actor, LiveCommand command, string kind, string whatFor, CancellationToken cancellationToken,
        Func<CommandContext, ChangeNote> change)
    {
        actor.Require(whatFor, Role.Chair);
        return writer.RunAsChairAsync(actor, command, kind, ctx => Task.FromResult(change(ctx)), cancellationToken);
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
