using System.Collections.Concurrent;
using DapPanel.App.Security;
using Microsoft.AspNetCore.SignalR;

namespace DapPanel.App.Hubs;

/// <summary>
/// The hub connections open on this node. A connection that only listens makes no calls to check, so those of a
/// session signed out or a person changed on this node are closed at once, and <see cref="HubSessionSweeper"/> looks at
/// them all every revalidation interval for changes made on other nodes.
/// </summary>
public sealed class HubSessions
{
    readonly ConcurrentDictionary<string, HubCallerContext> open = new();

    public HubSessions(SessionValidity sessions) => sessions.Ended += CloseOf;

    void CloseOf(SessionEnd end)
    {
        foreach (var connection in open.Values)
        {
            if (connection.User is not { } user || !end.Covers(user)) continue;
            connection.Abort();
            Closed(connection);
        }
    }

    public void Opened(HubCallerContext context) => open[context.ConnectionId] = context;

    public void Closed(HubCallerContext context) => open.TryRemove(context.ConnectionId, out _);

    public IReadOnlyCollection<HubCallerContext> Open => [.. open.Values];
}

public sealed class HubSessionSweeper(HubSessions hubs, SessionValidity sessions, SecuritySettings settings, ILogger<HubSessionSweeper> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.Revalidation);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                foreach (var connection in hubs.Open)
                    if (connection.User is not { } user || !await sessions.IsCurrentAsync(user, stoppingToken))
                    {
                        connection.Abort();
                        hubs.Closed(connection);
                    }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogWarning(failure, "Checking open hub connections failed; trying again next interval");
            }
        }
    }
}
