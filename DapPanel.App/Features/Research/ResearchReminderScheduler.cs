using DapPanel.App.Hosting;
using DapPanel.Core.Research;

namespace DapPanel.App.Features.Research;

/// <summary>Reminds the agencies still behind once a meeting's research deadline has passed.</summary>
public sealed class ResearchReminderScheduler(OverdueResearchReminders reminders, TimeProvider clock,
    ILogger<ResearchReminderScheduler> log) : HourlyJob(clock, log)
{
    protected override string What => "Sending research reminders";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var reminded = await reminders.SendDueAsync(cancellationToken);
        if (reminded > 0) log.LogInformation("Research reminders sent for {Meetings} meeting(s) past their deadline", reminded);
    }
}
