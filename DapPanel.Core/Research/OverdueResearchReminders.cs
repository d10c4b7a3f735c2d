using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Research;

/// <summary>
/// When a circulated meeting's research deadline has passed, emails the agencies that have not answered
/// every case: once per meeting, whether or not someone also pressed "send reminders" earlier.
/// </summary>
public sealed class OverdueResearchReminders(
    IDbContextFactory<DapPanelDbContext> dbFactory, IResearchService research, TimeProvider clock)
{
    static readonly Actor Schedule = new("schedule", Guid.Empty, Guid.Empty, "DapPanel (research deadline)",
        new HashSet<Role> { Role.Administrator });

    /// <returns>How many meetings' agencies were reminded.</returns>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var today = PanelTime.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.Status == MeetingStatus.Circulated)
            .Select(m => new { m.Id, m.StartsAt, m.CirculatedAt }).ToListAsync(cancellationToken);
        var reminded = 0;
        foreach (var meeting in meetings)
        {
            var date = PanelTime.LocalDate(meeting.StartsAt);
            var deadline = ResearchDeadline.Of(meeting.StartsAt, meeting.CirculatedAt);
            if (today <= deadline || date < today) continue;
            var afterDeadline = PanelTime.At(deadline.AddDays(1), TimeOnly.MinValue);
            if (await db.Notifications.AnyAsync(n => n.MeetingId == meeting.Id && n.Kind == NotificationKind.ResearchReminder
                    && n.CreatedAt >= afterDeadline, cancellationToken))
                continue;
            var board = await research.GetReadinessAsync(Schedule, meeting.Id, cancellationToken);
            if (!board.NotFinished.Any()) continue;
            await research.SendRemindersAsync(Schedule, meeting.Id, cancellationToken);
            reminded++;
        }
        return reminded;
    }
}
