using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace DapPanel.Core.LiveMeeting;

/// <summary>Fans saved changes out to everyone watching a meeting. One topic per meeting.</summary>
public interface IMeetingNotifier
{
    IDisposable Subscribe(Guid meetingId, Func<MeetingChanged, Task> onChanged);

    /// <summary>
    /// Every meeting's changes saved on this node: for bridges such as the SignalR hub, whose own
    /// backplane carries them to other nodes.
    /// </summary>
    IDisposable SubscribeAll(Func<MeetingChanged, Task> onChanged);

    Task PublishAsync(MeetingChanged change);
}

public sealed class InProcessMeetingNotifier(ILogger<InProcessMeetingNotifier> logger) : IMeetingNotifier
{
    static readonly Guid AllMeetings = Guid.Empty;
    readonly ConcurrentDictionary<Guid, ImmutableList<Subscription>> topics = new();

    public IDisposable Subscribe(Guid meetingId, Func<MeetingChanged, Task> onChanged)
    {
        var subscription = new Subscription(this, meetingId, onChanged);
        topics.AddOrUpdate(meetingId, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public IDisposable SubscribeAll(Func<MeetingChanged, Task> onChanged) => Subscribe(AllMeetings, onChanged);

    public int SubscriberCount(Guid meetingId) => topics.TryGetValue(meetingId, out var list) ? list.Count : 0;

    /// <summary>
    /// Hands the change to every subscriber without waiting for one slow circuit. Each subscriber starts on the thread
    /// pool: a circuit that is idle would otherwise render on the publisher's thread, one room after another, while
    /// the other cores wait and the command's caller is not answered until the last room has rendered.
    /// </summary>
    public Task PublishAsync(MeetingChanged change)
    {
        Deliver(change.MeetingId, change);
        Deliver(AllMeetings, change);
        return Task.CompletedTask;
    }

    void Deliver(Guid topic, MeetingChanged change)
    {
        if (!topics.TryGetValue(topic, out var subscribers)) return;
        foreach (var subscriber in subscribers)
            ThreadPool.UnsafeQueueUserWorkItem(state => _ = InvokeAsync(state.subscriber, state.change), (subscriber, change), preferLocal: false);
    }

    async Task InvokeAsync(Subscription subscriber, MeetingChanged change)
    {
        try { await subscriber.OnChanged(change); }
        catch (Exception error) { logger.LogWarning(error, "A meeting subscriber failed to take a change"); }
    }

    /// <summary>Meetings (and the all-meetings topic) with a subscriber on this node: a topic goes with its last subscriber.</summary>
    public int Topics => topics.Count;

    void Remove(Subscription subscription)
    {
        while (topics.TryGetValue(subscription.MeetingId, out var list))
        {
            var rest = list.Remove(subscription);
            if (ReferenceEquals(rest, list)) return;
            if (rest.IsEmpty
                    ? topics.TryRemove(new KeyValuePair<Guid, ImmutableList<Subscription>>(subscription.MeetingId, list))
                    : topics.TryUpdate(subscription.MeetingId, rest, list))
                return;
        }
    }

    sealed class Subscription(InProcessMeetingNotifier owner, Guid meetingId, Func<MeetingChanged, Task> onChanged) : IDisposable
    {
        public Guid MeetingId { get; } = meetingId;
        public Func<MeetingChanged, Task> OnChanged { get; } = onChanged;
        public void Dispose() => owner.Remove(this);
    }
}
