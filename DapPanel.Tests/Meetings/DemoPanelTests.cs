using DapPanel.Core.Cases;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.Home;
using DapPanel.Core.Meetings;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Meetings;

[Collection(DemoServerCollection.Name)]
public class DemoPanelTests(TestServer server)
{
    IMeetingQueries Meetings => server.Services.GetRequiredService<IMeetingQueries>();

    [Fact]
    public async Task The_upcoming_meeting_has_seven_new_referrals_and_ten_reviews()
    {
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);

        var meetings = await Meetings.ListAsync(chair);
        var upcoming = Assert.Single(meetings, m => m.Status != MeetingStatus.Closed);
        var detail = await Meetings.GetAsync(chair, upcoming.Id);

        Assert.Equal(17, detail.Agenda.Count);
        Assert.Equal(7, detail.Agenda.Count(i => i.Kind == AgendaItemKind.NewReferral));
        Assert.Equal(10, detail.Agenda.Count(i => i.Kind == AgendaItemKind.Review));
        Assert.Equal(Enumerable.Range(1, 17), detail.Agenda.Select(i => i.Order));
        Assert.True(detail.PlannedAgendaMinutes <= upcoming.PlannedMinutes);
        Assert.All(detail.Agenda, i => Assert.False(string.IsNullOrWhiteSpace(i.Focus)));
        Assert.Equal(["DI Sam Kestrel", "Morgan Wren"], detail.Chairs.Order());
    }

    [Fact]
    public async Task The_six_most_recent_meetings_record_attendance_with_agencies_drifting_away()
    {
        var manager = await server.DemoAsync("manager@dappanel.example", Role.Manager);

        // Two years of fortnightly meetings, the last six of them the recent ones the demo's story is told in.
        var past = (await Meetings.ListAsync(manager)).Where(m => m.Status == MeetingStatus.Closed)
            .OrderBy(m => m.StartsAt).TakeLast(6).ToList();

        Assert.Equal(DemoPanel.HistoryMeetings + 6, (await Meetings.ListAsync(manager)).Count(m => m.Status == MeetingStatus.Closed));
        var first = await Meetings.GetAsync(manager, past[0].Id);
        var last = await Meetings.GetAsync(manager, past[^1].Id);
        Assert.Contains(first.Attendance, a => a.AgencyName == "Community Mental Health Team" && a.Status.IsPresent());
        Assert.Contains(last.Attendance, a => a.AgencyName == "Community Mental Health Team" && a.Status == AttendanceStatus.Absent);
        Assert.Contains(last.Attendance, a => a.AgencyName.StartsWith("Recovery Service") && a.Status == AttendanceStatus.Absent);
    }

    [Fact]
    public async Task Open_cases_carry_levers_and_actions_and_agencies_see_their_own_open_actions()
    {
        var probation = await server.DemoAsync("probation@dappanel.example", Role.AgencyMember);
        var home = await server.Services.GetRequiredService<IHomeQueries>().GetAsync(probation);

        Assert.Equal("Probation Service — Croydon", home.AgencyName);
        Assert.NotEmpty(home.OpenActions);
        Assert.All(home.OpenActions, a => Assert.Equal("Probation Service — Croydon", a.Action.OwnerAgencyName));
        Assert.Single(home.NextMeetings);

        var factory = server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.True(await db.Levers.CountAsync() >= 20);
        var upcoming = await db.Meetings.Where(m => m.Status == MeetingStatus.Circulated).Select(m => m.Id).SingleAsync();
        Assert.Equal(10, await db.AgendaItems.CountAsync(i => i.MeetingId == upcoming && i.Case!.Status == CaseStatus.Accepted));
    }

    [Fact]
    public async Task Seeding_never_runs_against_a_database_that_has_data()
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var panels = await db.Panels.CountAsync();

        var seededAgain = await server.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(seedDemo: true);

        Assert.False(seededAgain);
        Assert.Equal(panels, await db.Panels.CountAsync());
    }

    [Fact]
    public async Task Agency_members_cannot_open_case_detail_and_each_read_is_audited()
    {
        var cases = server.Services.GetRequiredService<ICaseQueries>();
        var housing = await server.DemoAsync("housing@dappanel.example", Role.AgencyMember);
        var admin = await server.DemoAsync("admin@dappanel.example", Role.Administrator);
        var anyCase = (await cases.ListAsync(admin)).First();

        await Assert.ThrowsAsync<AccessDeniedException>(() => cases.ListAsync(housing));
        await Assert.ThrowsAsync<AccessDeniedException>(() => cases.GetDetailAsync(housing, anyCase.Id));

        var detail = await cases.GetDetailAsync(admin, anyCase.Id);
        Assert.Equal(anyCase.Reference, detail.Summary.Reference);
        var factory = server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e =>
            e.Action == AuditAction.ViewedCaseDetail && e.CaseId == anyCase.Id && e.UserId == admin.UserId));
    }

    [Fact]
    public async Task A_meeting_of_another_panel_or_unknown_id_is_not_found()
    {
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);

        await Assert.ThrowsAsync<NotFoundException>(() => Meetings.GetAsync(chair, Guid.NewGuid()));
    }
}
