using System.Text.Json;
using DapPanel.Core.LiveMeeting;
using StackExchange.Redis;

namespace DapPanel.App.ScaleOut;

/// <summary>
/// Meeting changes for every node: a change saved here is delivered here at once and published to
/// Redis; a change published by another node drops this node's snapshot of that meeting (it rebuilds
/// from the shared database) and is delivered to this node's meeting subscribers.
/// </summary>
/// <remarks>
/// Bridges (<see cref="SubscribeAll"/>) hear only changes saved on this node: the hub's Redis
/// backplane already carries those to hub clients everywhere, so forwarding remote ones would
/// deliver them twice.
/// </remarks>
public sealed class RedisMeetingNotifier : IMeetingNotifier, IHostedService
{
    readonly Guid node = Guid.NewGuid();
    readonly IConnectionMultiplexer redis;
    readonly LiveMeetingReadModel readModel;
    readonly ILogger<RedisMeetingNotifier> logger;
    readonly RedisChannel channel;
    readonly InProcessMeetingNotifier meetings;
    readonly InProcessMeetingNotifier bridges;

    public RedisMeetingNotifier(IConnectionMultiplexer redis, RedisSettings settings, LiveMeetingReadModel readModel,
        ILoggerFactory loggers)
    {
        this.redis = redis;
        this.readModel = readModel;
        logger = loggers.CreateLogger<RedisMeetingNotifier>();
        channel = RedisChannel.Literal(settings.ChannelPrefix + ":meeting-changed");
        meetings = new InProcessMeetingNotifier(loggers.CreateLogger<InProcessMeetingNotifier>());
        bridges = new InProcessMeetingNotifier(loggers.CreateLogger<InProcessMeetingNotifier>());
    }

    public IDisposable Subscribe(Guid meetingId, Func<MeetingChanged, Task> onChanged) => meetings.Subscribe(meetingId, onChanged);

    public IDisposable SubscribeAll(Func<MeetingChanged, Task> onChanged) => bridges.SubscribeAll(onChanged);

    public async Task PublishAsync(MeetingChanged change)
    {
        await meetings.PublishAsync(change);
        await bridges.PublishAsync(change);
        // The command is saved whatever Redis does; other nodes catch up from the database when it returns.
        _ = PublishToOtherNodesAsync(change);
    }

    async Task PublishToOtherNodesAsync(MeetingChanged change)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(channel, JsonSerializer.Serialize(new Envelope(node, change)));
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unavailable: version {Version} of meeting {MeetingId} was not sent to other nodes ({Error})",
                change.Version, change.MeetingId, error.GetType().Name);
        }
    }

    async Task OnMessageAsync(RedisValue message)
    {
        var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
        if (envelope is null || envelope.Node == node) return;
        if (envelope.Change.Kind == LiveMeetingRefresh.DirectoryKind) readModel.DirectoryChanged();
        else readModel.Invalidate(envelope.Change.MeetingId);
        await meetings.PublishAsync(envelope.Change);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(channel);
        queue.OnMessage(message => OnMessageAsync(message.Message));
    }

    // A node stopping while Redis is away should not wait for it.
    public Task StopAsync(CancellationToken cancellationToken) =>
        redis.IsConnected ? redis.GetSubscriber().UnsubscribeAsync(channel) : Task.CompletedTask;

    sealed record Envelope(Guid Node, MeetingChanged Change);
}
