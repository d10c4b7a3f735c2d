namespace DapPanel.App.Hosting;

/// <summary>
/// Work that looks every hour whether something is due (the services record what they sent, so a
/// restart or a second node never sends twice). A failure is logged and tried again next hour.
/// </summary>
public abstract class HourlyJob(TimeProvider clock, ILogger log) : BackgroundService
{
    static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);

    protected abstract string What { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogError(failure, "{Job} failed; trying again in an hour", What);
            }
            try { await Task.Delay(CheckEvery, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
