using DapPanel.App.Hosting;
using DapPanel.Core.Insight;

namespace DapPanel.App.Features.Insight;

/// <summary>Sends last month's attendance summaries on the first day of each month; each is recorded, so never twice.</summary>
public sealed class MonthlySummaryScheduler(IAttendanceSummaries summaries, TimeProvider clock, ILogger<MonthlySummaryScheduler> log)
    : HourlyJob(clock, log)
{
    protected override string What => "Sending the monthly attendance summaries";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var report = await summaries.SendDueAsync(cancellationToken);
        if (report is { Sent: > 0 } || report?.Failures.Count > 0)
            log.LogInformation("Monthly attendance summaries for {Month}: {Sent} sent, {Failed} failed",
                report.MonthName, report.Sent, report.Failures.Count);
    }
}
