using System.Net;
using System.Text.RegularExpressions;
using DapPanel.Core.Administration;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DapPanel.Tests.Security;

/// <summary>A disabled or demoted person loses what they have open, within the revalidation interval (two seconds here).</summary>
[Collection(RevocationServerCollection.Name)]
[Trait("Category", "Browser")]
public partial class RevocationTests(RevocationServer fixture)
{
    const string Password = TestPeople.Password;
    // Generous against a loaded machine; the interval itself is two seconds.
    static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    TestServer Server => fixture.Server;
    IPeopleAdministration People => Server.Services.GetRequiredService<IPeopleAdministration>();

    [Fact]
    public async Task A_disabled_person_is_sent_out_of_an_open_live_room()
    {
        var (personId, email) = await AddPersonAsync(Role.AgencyMember);
        var meeting = await Server.CreateAsync(2);
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Server.BaseUrl, email, Password);
        await page.WaitForInteractiveAsync();
        await page.OpenLiveRoomAsync(Server.BaseUrl, meeting.Id);

        await People.SetActiveAsync(await AdministratorAsync(), personId, false, await VersionAsync(personId));

        await page.WaitForURLAsync("**/account/login*", new() { Timeout = (float)Within.TotalMilliseconds, WaitUntil = WaitUntilState.Commit });
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.Locator(".account-error", new() { HasText = "do not match an active account" }).WaitForAsync();
    }

    [Fact]
    public async Task A_disabled_persons_hub_connection_is_closed_even_while_it_only_listens()
    {
        var (personId, email) = await AddPersonAsync(Role.AgencyMember);
        var meeting = await Server.CreateAsync(2);
        await using var client = await MeetingClient.ConnectAsync(Server, email, Password);
        await client.JoinAsync(meeting.Id);
        var closed = new TaskCompletionSource();
        client.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        await People.SetActiveAsync(await AdministratorAsync(), personId, false, await VersionAsync(personId));

        await closed.Task.WaitAsync(Within);
        Assert.Equal(HubConnectionState.Disconnected, client.Connection.State);
        await Assert.ThrowsAnyAsync<Exception>(() => MeetingClient.ConnectAsync(Server, email, Password));
    }

    [Fact]
    public async Task A_demoted_administrator_loses_the_administration_pages()
    {
        var (personId, email) = await AddPersonAsync(Role.Administrator);
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Server.BaseUrl, email, Password);
        await page.WaitForInteractiveAsync();
        await page.GotoInteractiveAsync(Server.BaseUrl + "/admin/people");
        await page.Locator("[data-testid=person-row]").First.WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "People and sign-ins" }).WaitForAsync();

        await People.ChangeAccessAsync(await AdministratorAsync(), personId,
            new PersonAccessInput { FullName = "Demoted Person", AgencyId = await Server.AgencyIdAsync(AgencyKind.Probation), Roles = [Role.Manager] },
            await VersionAsync(personId));

        await page.WaitForURLAsync("**/account/login*", new() { Timeout = (float)Within.TotalMilliseconds, WaitUntil = WaitUntilState.Commit });
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForInteractiveAsync();
        await page.GotoInteractiveAsync(Server.BaseUrl + "/admin/people");
        await page.GetByText("You do not have access").WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "People and sign-ins" }).CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=person-row]").CountAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_an_administrator_unlocks_it()
    {
        var (personId, email) = await AddPersonAsync(Role.AgencyMember);
        using var client = Server.CreateClient();
        for (var attempt = 1; attempt <= 5; attempt++)
            await PostSignInAsync(client, email, "Not-the-password-1");

        var locked = await PostSignInAsync(client, email, Password);

        Assert.Contains("locked after too many failed attempts", locked);
        var audit = await Server.ReadAsync(db => db.AuditEvents.Where(e => e.Summary.Contains(email)).ToListAsync());
        Assert.Equal(4, audit.Count(e => e.Action == AuditAction.SignInFailed));
        Assert.Contains(audit, e => e.Action == AuditAction.LockedOut);
        Assert.DoesNotContain(audit, e => e.Action == AuditAction.SignIn);

        var listed = (await People.ListAsync(await AdministratorAsync())).Single(p => p.PersonId == personId);
        Assert.True(listed.SignIn!.IsLockedOut);
        await People.UnlockAsync(await AdministratorAsync(), personId, listed.Version);
        await HttpSignIn.SignInAsync(Server.BaseUrl, email, Password);
    }

    [Fact]
    public async Task The_password_rules_refuse_a_short_or_simple_password()
    {
        var administrator = await AdministratorAsync();
        var input = new NewPersonInput
        {
            FullName = "Short Password", Email = "short@probation.example", Roles = [Role.AgencyMember], Password = "password",
            AgencyId = await Server.AgencyIdAsync(AgencyKind.Probation),
        };

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => People.AddAsync(administrator, input));


        Assert.Contains(refused.Problems, p => p.Contains("at least 12 characters"));
        Assert.Contains(refused.Problems, p => p.Contains("uppercase"));
    }

    Task<(Guid PersonId, string Email)> AddPersonAsync(Role role) => Server.AddAsync(role);

    Task<Core.Security.Actor> AdministratorAsync() => TestPeople.AdministratorAsync(Server);

    Task<Guid> VersionAsync(Guid personId) => TestPeople.VersionAsync(Server, personId);

    static async Task<string> PostSignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email, ["Input.Password"] = password,
        }));
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
