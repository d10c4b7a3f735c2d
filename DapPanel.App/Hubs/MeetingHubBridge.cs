using DapPanel.Core.LiveMeeting;
using Microsoft.AspNetCore.SignalR;

namespace DapPanel.App.Hubs;

/// <summary>Forwards every saved meeting change to the hub clients that joined that meeting.</summary>
public sealed class MeetingHubBridge(IMeetingNotifier notifier, IHubContext<MeetingHub> hub) : IHostedService
{
    IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = notifier.SubscribeAll(change =>
            hub.Clients.Group(MeetingHub.GroupOf(change.MeetingId)).SendAsync(MeetingHub.ChangedEvent, change));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
