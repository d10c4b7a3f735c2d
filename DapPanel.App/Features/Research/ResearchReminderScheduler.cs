using DapPanel.Core.Research;

namespace DapPanel.App.Features.Research;

/// <summary>Looks every hour for meetings whose research deadline has passed and reminds the agencies behind.</summary>
public sealed class ResearchReminderScheduler(OverdueResearchReminders reminders, TimeProvider clock,
    ILogger<ResearchReminderScheduler> log) : BackgroundService
{
    static readonly TimeSpan CheckEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var reminded = await reminders.SendDueAsync(stoppingToken);
                if (reminded > 0) log.LogInformation("Research reminders sent for {Meetings} meeting(s) past their deadline", reminded);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogError(failure, "Sending research reminders failed; trying again in an hour");
            }
            try { await Task.Delay(CheckEvery, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
