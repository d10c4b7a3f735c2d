using System.Net;
using DapPanel.Core.Attendance;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DapPanel.Tests.Audit;

/// <summary>
/// Every disclosure of case detail is audited exactly once per view, whichever door it came through: a plain request
/// (the prerendered page), a browser (prerender and interactive render are one view; a reload or moving in the app is
/// another), a download, or a hub connection (its reads of a meeting are one view).
/// </summary>
[Collection(OwnMeetingsServerCollection.Name)]
[Trait("Category", "Browser")]
public class DisclosureAuditTests(TestServer server)
{
    public static TheoryData<string, Role> PagesWithCaseDetail() => new()
    {
        { "/cases", Role.Chair },
        { "/cases/{case}", Role.Chair },
        { "/meetings/{meeting}", Role.Chair },
        { "/meetings/{meeting}/case-list", Role.Chair },
        { "/meetings/{meeting}/readiness", Role.Chair },
        { "/meetings/{meeting}/review-updates", Role.Chair },
        { "/meetings/{meeting}/live", Role.Chair },
        { "/meetings/{closed}/minutes", Role.Chair },
        { "/meetings/{meeting}/agenda", Role.Administrator },
        { "/meetings/{meeting}", Role.AgencyMember },
        { "/meetings/{meeting}/case-list", Role.AgencyMember },
        { "/meetings/{meeting}/research", Role.AgencyMember },
        { "/meetings/{meeting}/live", Role.AgencyMember },
        { "/meetings/{closed}/actions.pdf", Role.Chair },
        { "/meetings/{meeting}/case-list.pdf", Role.AgencyMember },
    };

    [Theory]
    [MemberData(nameof(PagesWithCaseDetail))]
    public async Task Each_request_for_a_page_or_download_with_case_detail_is_audited_once(string template, Role role)
    {
        var (person, _, client) = await SignedInAsync(role);
        var meeting = await MeetingAsync(person);
        var path = await FillAsync(template, meeting);

        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, await DisclosuresAsync(person.UserId));

        await client.GetAsync(path);
        Assert.Equal(2, await DisclosuresAsync(person.UserId));
    }

    [Fact]
    public async Task In_a_browser_a_page_is_one_view_however_it_renders_and_a_reload_or_moving_on_is_another()
    {
        var (person, email, _) = await SignedInAsync(Role.Chair);
        var meeting = await MeetingAsync(person);
        var caseUrl = $"{server.BaseUrl}/cases/{meeting.CaseIds[0]}";
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(server.BaseUrl, email, TestPeople.Password);
        await page.WaitForInteractiveAsync();
        var before = await DisclosuresAsync(person.UserId);

        await page.GotoAsync(caseUrl);
        await LoadedInteractiveAsync(page);
        Assert.Equal(before + 1, await DisclosuresAsync(person.UserId));

        await page.ReloadAsync();
        await LoadedInteractiveAsync(page);
        Assert.Equal(before + 2, await DisclosuresAsync(person.UserId));

        await page.EvaluateAsync($"Blazor.navigateTo('/meetings/{meeting.Id}')");
        await page.WaitForURLAsync($"**/meetings/{meeting.Id}", new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("h1", new() { HasText = "Croydon DAPP —" }).WaitForAsync();
        await LoadedInteractiveAsync(page);
        await page.EvaluateAsync($"Blazor.navigateTo('/cases/{meeting.CaseIds[0]}')");
        await page.WaitForURLAsync(caseUrl, new() { WaitUntil = WaitUntilState.Commit });
        // The meeting page's own marker may still be there: the case's heading says the case page has its data.
        await page.Locator("h1", new() { HasText = "Test Person 1" }).WaitForAsync();
        await LoadedInteractiveAsync(page);
        Assert.Equal(before + 4, await DisclosuresAsync(person.UserId));
    }

    [Fact]
    public async Task An_open_live_room_that_follows_changes_is_one_view()
    {
        var (person, email, _) = await SignedInAsync(Role.AgencyMember);
        var meeting = await MeetingAsync(person);
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(server.BaseUrl, email, TestPeople.Password);
        await page.WaitForInteractiveAsync();
        var before = await DisclosuresAsync(person.UserId);

        await page.OpenLiveRoomAsync(server.BaseUrl, meeting.Id);
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        await server.Services.GetRequiredService<IMeetingFlow>().StartAsync(chair, Guid.NewGuid(), meeting.Id);
        await page.Locator(".live-room").GetByText("Test Person 1").First.WaitForAsync();

        Assert.Equal(before + 1, await DisclosuresAsync(person.UserId));
    }

    [Fact]
    public async Task A_hub_connections_reads_of_a_meeting_are_one_view_and_another_connection_is_another()
    {
        var (person, email, _) = await SignedInAsync(Role.AgencyMember);
        var meeting = await MeetingAsync(person);
        var cookies = await HttpSignIn.SignInAsync(server.BaseUrl, email, TestPeople.Password);
        var before = await DisclosuresAsync(person.UserId);

        await using (var first = await MeetingClient.ConnectAsync(server, cookies))
        {
            await first.JoinAsync(meeting.Id);
            await first.Connection.InvokeAsync<LiveMeetingView>("GetView", meeting.Id, 0L);
            await first.Connection.InvokeAsync<IReadOnlyList<ChangeEntry>>("ChangesSince", meeting.Id, 0L);
            await first.Connection.InvokeAsync<IReadOnlyList<ChangeEntry>>("ChangesSince", meeting.Id, 0L);
            Assert.Equal(before + 1, await DisclosuresAsync(person.UserId));
        }

        await using var second = await MeetingClient.ConnectAsync(server, cookies);
        await second.Connection.InvokeAsync<LiveMeetingView>("GetView", meeting.Id, 0L);
        Assert.Equal(before + 2, await DisclosuresAsync(person.UserId));
    }

    static Task LoadedInteractiveAsync(IPage page) =>
        page.GetByTestId("loaded-interactive").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });

    async Task<(Core.Security.Actor Person, string Email, HttpClient Client)> SignedInAsync(Role role)
    {
        var (_, email) = await server.AddAsync(role);
        var person = await server.DemoAsync(email, role);
        var cookies = await HttpSignIn.SignInAsync(server.BaseUrl, email, TestPeople.Password);
        return (person, email, new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(server.BaseUrl),
        });
    }

    /// <summary>A circulated meeting of the test's own, its confidentiality acknowledged by the person.</summary>
    async Task<TestMeeting> MeetingAsync(Core.Security.Actor person)
    {
        var meeting = await server.CreateAsync(2);
        await server.Services.GetRequiredService<IAttendanceService>().AcknowledgeAsync(person, meeting.Id);
        return meeting;
    }

    async Task<string> FillAsync(string template, TestMeeting meeting) => template
        .Replace("{meeting}", meeting.Id.ToString())
        .Replace("{case}", meeting.CaseIds[0].ToString())
        .Replace("{closed}", (await server.ReadAsync(db => db.Meetings.Where(m => m.Status == MeetingStatus.Closed)
            .Select(m => m.Id).FirstAsync())).ToString());

    /// <summary>Entries that record case detail shown or taken away, for one person.</summary>
    Task<int> DisclosuresAsync(string userId) => server.ReadAsync(db => db.AuditEvents.CountAsync(e => e.UserId == userId
        && (e.Action == AuditAction.ViewedCaseDetail || e.Action == AuditAction.Exported)));
}
