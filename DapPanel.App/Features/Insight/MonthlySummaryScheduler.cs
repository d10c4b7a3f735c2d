using DapPanel.Core.Insight;

namespace DapPanel.App.Features.Insight;

/// <summary>Sends last month's attendance summaries on the first day of each month; each is recorded, so never twice.</summary>
public sealed class MonthlySummaryScheduler(IAttendanceSummaries summaries, TimeProvider clock, ILogger<MonthlySummaryScheduler> log)
    : BackgroundService
{
    /// <summary>How often the schedule looks at the date: often enough to send early on the first, cheap when nothing is due.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var report = await summaries.SendDueAsync(stoppingToken);
                if (report is { Sent: > 0 } || report?.Failures.Count > 0)
                    log.LogInformation("Monthly attendance summaries for {Month}: {Sent} sent, {Failed} failed",
                        report.Month, report.Sent, report.Failures.Count);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogError(failure, "Sending the monthly attendance summaries failed; trying again in an hour");
            }
            try { await Task.Delay(CheckEvery, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
