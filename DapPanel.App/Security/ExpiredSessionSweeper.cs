using DapPanel.App.Hosting;

namespace DapPanel.App.Security;

/// <summary>Removes sessions whose cookie has lapsed (a tab closed without signing out), every hour.</summary>
public sealed class ExpiredSessionSweeper(SignInSessionStore sessions, TimeProvider clock, ILogger<ExpiredSessionSweeper> log)
    : HourlyJob(clock, log)
{
    protected override string What => "Removing lapsed sign-in sessions";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var removed = await sessions.RemoveExpiredAsync(cancellationToken);
        if (removed > 0) log.LogInformation("Removed {Count} lapsed sign-in sessions", removed);
    }
}
