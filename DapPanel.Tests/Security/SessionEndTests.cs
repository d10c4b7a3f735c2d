using System.Net;
using DapPanel.Core.Administration;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DapPanel.Tests.Security;

/// <summary>
/// A session ends when its person ends it, or an administrator disables them: everywhere at once, at the default
/// revalidation interval, and a copy of the cookie is worthless afterwards.
/// </summary>
[Collection(OwnMeetingsServerCollection.Name)]
[Trait("Category", "Browser")]
public class SessionEndTests(TestServer server)
{
    [Fact]
    public async Task A_cookie_copied_before_signing_out_opens_nothing_afterwards()
    {
        var (_, email) = await server.AddAsync();
        var cookies = await HttpSignIn.SignInAsync(server.BaseUrl, email, TestPeople.Password);
        var copy = HttpSignIn.Copy(cookies, server.BaseUrl);
        using var client = Client(cookies);
        using var replay = Client(copy);
        var closedMeeting = await ClosedMeetingAsync();
        var meeting = await server.CreateAsync(1);
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync("/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await replay.PostAsync("/account/keep-alive", null)).StatusCode);
        await using var openBefore = await MeetingClient.ConnectAsync(server, HttpSignIn.Copy(cookies, server.BaseUrl));
        await openBefore.JoinAsync(meeting.Id);
        var closed = ClosedAsync(openBefore);

        var signOut = await HttpSignIn.SignOutAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        AssertSentToSignIn(await replay.GetAsync("/meetings"));
        AssertSentToSignIn(await replay.GetAsync($"/meetings/{meeting.Id}/case-list"));
        AssertSentToSignIn(await replay.GetAsync($"/meetings/{closedMeeting}/actions.pdf"));
        AssertSentToSignIn(await replay.PostAsync("/account/keep-alive", null));
        AssertSentToSignIn(await replay.GetAsync("/meetings")); // keep-alive revived nothing
        var hub = await Assert.ThrowsAsync<HttpRequestException>(() => MeetingClient.ConnectAsync(server, copy));
        Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
        await closed.WaitAsync(TimeSpan.FromSeconds(10)); // the connection open before signing out was closed
    }

    [Fact]
    public async Task Signing_out_without_the_pages_antiforgery_token_is_refused_and_the_session_stays()
    {
        var (_, email) = await server.AddAsync();
        using var client = Client(await HttpSignIn.SignInAsync(server.BaseUrl, email, TestPeople.Password));

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/meetings")).StatusCode);
    }

    [Fact]
    public async Task A_person_disabled_mid_session_is_refused_at_once_by_pages_downloads_and_an_open_hub_connection()
    {
        var (personId, email) = await server.AddAsync();
        var cookies = await HttpSignIn.SignInAsync(server.BaseUrl, email, TestPeople.Password);
        using var client = Client(cookies);
        var meeting = await server.CreateAsync(1);
        await using var hub = await MeetingClient.ConnectAsync(server, HttpSignIn.Copy(cookies, server.BaseUrl));
        await hub.JoinAsync(meeting.Id);
        var closed = ClosedAsync(hub);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/meetings/{meeting.Id}/case-list")).StatusCode);

        await server.DisableAsync(personId);

        // The demo server re-checks sessions every 60 seconds; none of this waits for that.
        AssertSentToSignIn(await client.GetAsync($"/meetings/{meeting.Id}/case-list"));
        AssertSentToSignIn(await client.GetAsync($"/meetings/{await ClosedMeetingAsync()}/actions.pdf"));
        await closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await server.ReadAsync(db => db.SignInSessions.CountAsync(s => s.UserId ==
            db.Users.Where(u => u.PersonId == personId).Select(u => u.Id).Single())));
    }

    [Fact]
    public async Task A_demoted_administrators_next_request_is_anonymous_at_once_and_signing_in_again_works_first_time()
    {
        var (personId, email) = await server.AddAsync(Role.Administrator);
        using var client = Client(await HttpSignIn.SignInAsync(server.BaseUrl, email, TestPeople.Password));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/people")).StatusCode);

        await server.Services.GetRequiredService<IPeopleAdministration>().ChangeAccessAsync(
            await TestPeople.AdministratorAsync(server), personId,
            new PersonAccessInput { FullName = "Demoted Person", AgencyId = await server.AgencyIdAsync(AgencyKind.Probation), Roles = [Role.Manager] },
            await TestPeople.VersionAsync(server, personId));

        // The demo server re-checks stamps every 60 seconds; the old sign-in opens nothing even within that time.
        AssertSentToSignIn(await client.GetAsync("/admin/people"));
        var form = await client.GetStringAsync("/account/login");
        Assert.DoesNotContain("class=\"sign-out\"", form);
        var signedIn = await HttpSignIn.SignInAsync(server.BaseUrl, email, TestPeople.Password);
        using var again = Client(signedIn);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/admin/people")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_in_one_tab_signs_out_the_others_open_pages()
    {
        await using var browser = await BrowserFixture.LaunchAsync();
        var first = await browser.NewPageAsync();
        await first.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
        await first.GotoInteractiveAsync(server.BaseUrl + "/meetings");
        var second = await first.Context.NewPageAsync();
        await second.GotoInteractiveAsync(server.BaseUrl + "/cases");

        await first.ClickAsync("button.sign-out");

        await first.WaitForURLAsync("**/account/login*", new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
        await second.WaitForURLAsync("**/account/login*", new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
    }

    [Fact]
    public async Task An_open_page_of_a_person_disabled_mid_session_goes_to_sign_in_without_waiting_for_the_interval()
    {
        var (personId, email) = await server.AddAsync();
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(server.BaseUrl, email, TestPeople.Password);
        await page.GotoInteractiveAsync(server.BaseUrl + "/meetings");

        await server.DisableAsync(personId);

        await page.WaitForURLAsync("**/account/login*", new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
    }

    static Task ClosedAsync(MeetingClient client)
    {
        var closed = new TaskCompletionSource();
        client.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        return closed.Task;
    }

    HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };

    Task<Guid> ClosedMeetingAsync() => server.ReadAsync(db => db.Meetings.Where(m => m.Status == MeetingStatus.Closed)
        .Select(m => m.Id).FirstAsync());

    static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized,
            $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery} answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
            Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
    }
}
