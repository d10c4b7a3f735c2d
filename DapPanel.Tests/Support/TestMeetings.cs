using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Support;

public sealed record TestMeeting(Guid Id, IReadOnlyList<Guid> ItemIds, IReadOnlyList<Guid> CaseIds);

/// <summary>A fresh circulated meeting of the demo panel, so each test owns what it changes.</summary>
public static class TestMeetings
{
    public static async Task<TestMeeting> CreateAsync(this TestServer server, int items = 3, int daysAhead = 20,
        Func<int, Case>? caseFor = null, MeetingStatus status = MeetingStatus.Circulated)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var panel = await db.Panels.SingleAsync(p => p.Name == DemoPanel.PanelName);
        var meeting = new Meeting
        {
            PanelId = panel.Id, StartsAt = DateTimeOffset.UtcNow.Date.AddDays(daysAhead).AddHours(10),
            Status = status, Location = "Test room",
        };
        var cases = new List<Case>();
        for (var i = 0; i < items; i++)
        {
            var c = caseFor?.Invoke(i) ?? new CaseBuilder().Named($"Test Person {i + 1}").WithVictim("Test Victim").Build();
            cases.Add(c);
            meeting.AgendaItems.Add(new AgendaItem
            {
                MeetingId = meeting.Id, CaseId = c.Id, Order = i + 1, PlannedMinutes = 8, Kind = AgendaItemKind.NewReferral,
                Focus = "Eligibility",
            });
        }
        db.Cases.AddRange(cases);
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return new TestMeeting(meeting.Id, meeting.AgendaItems.OrderBy(i => i.Order).Select(i => i.Id).ToList(),
            cases.Select(c => c.Id).ToList());
    }

    public static async Task<Guid> AgencyIdAsync(this TestServer server, AgencyKind kind)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Agencies.Where(a => a.Kind == kind).Select(a => a.Id).FirstAsync();
    }

    public static async Task<T> ReadAsync<T>(this TestServer server, Func<DapPanelDbContext, Task<T>> query)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }
}
