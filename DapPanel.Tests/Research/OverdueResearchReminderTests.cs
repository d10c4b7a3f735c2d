using DapPanel.Core.Domain;
using DapPanel.Core.Research;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Research;

[Collection(LiveServerCollection.Name)]
public class OverdueResearchReminderTests(TestServer server)
{
    OverdueResearchReminders Reminders => server.Services.GetRequiredService<OverdueResearchReminders>();

    Task<int> RemindersFor(Guid meetingId) => server.ReadAsync(db =>
        db.Notifications.CountAsync(n => n.MeetingId == meetingId && n.Kind == NotificationKind.ResearchReminder));

    [Fact]
    public async Task When_the_deadline_has_passed_agencies_behind_are_reminded_once()
    {
        var tomorrow = await server.CreateAsync(items: 2, daysAhead: 1);

        await Reminders.SendDueAsync();
        var first = await RemindersFor(tomorrow.Id);
        await Reminders.SendDueAsync();

        Assert.True(first > 0, "every member agency is behind, so each is reminded");
        Assert.Equal(first, await RemindersFor(tomorrow.Id));
        Assert.True(await server.ReadAsync(db => db.AuditEvents.AnyAsync(e =>
            e.MeetingId == tomorrow.Id && e.ActorName == "DapPanel (research deadline)")));
    }

    [Fact]
    public async Task Before_the_deadline_nobody_is_reminded()
    {
        var later = await server.CreateAsync(items: 1, daysAhead: 20);

        await Reminders.SendDueAsync();

        Assert.Equal(0, await RemindersFor(later.Id));
    }
}
