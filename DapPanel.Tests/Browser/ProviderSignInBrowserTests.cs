using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>
/// People sign in through their agency's provider (a real OpenID Connect server with its own login page) in a real
/// browser: the provider is another site, as Microsoft Entra ID is.
/// </summary>
[Collection(ProviderSignInServerCollection.Name)]
[Trait("Category", "Browser")]
public class ProviderSignInBrowserTests(ProviderSignInServer fixture)
{
    TestServer Server => fixture.Server;

    [Fact]
    public async Task A_member_whose_provider_asserts_a_second_factor_lands_in_DapPanel_as_themselves_and_signing_out_ends_both()
    {
        var (personId, account) = await fixture.AddMemberAsync(assertsTwoFactor: true);
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync(1366, 900);
        await page.GotoAsync(Server.BaseUrl + "/account/login");
        await page.ScreenshotAsync("provider-sign-in-1366");

        await page.SignInThroughProviderAsync(Server.BaseUrl, account);
        await page.WaitForURLAsync(Server.BaseUrl + "/", new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForInteractiveAsync();
        // Two-factor sign-in is required here; the provider's "mfa" satisfied it, so no enrolment page came between.
        await page.GotoInteractiveAsync(Server.BaseUrl + "/meetings");
        Assert.EndsWith("/meetings", page.Url);
        Assert.Contains("Test Person", await page.Locator("body").InnerTextAsync());

        var userId = await Server.ReadAsync(db => db.Users.Where(u => u.PersonId == personId).Select(u => u.Id).SingleAsync());
        Assert.True(await Server.ReadAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == userId && e.Action == AuditAction.SignIn
            && e.Summary.Contains("Signed in through Northshire ID, which asserted a second factor"))));

        var endSessions = fixture.Provider.EndSessionRequests;
        await page.ClickAsync("button.sign-out");
        await page.WaitForURLAsync("**/account/login", new() { WaitUntil = WaitUntilState.Commit });
        Assert.True(fixture.Provider.EndSessionRequests > endSessions, "the provider was asked to end its session");
        Assert.False(await Server.ReadAsync(db => db.SignInSessions.AnyAsync(s => s.UserId == userId)));
        // Signed out at the provider too: the next sign-in asks for the provider's password again.
        await page.ClickAsync($"button[data-provider={ProviderSignInServer.ProviderName}]");
        await page.Locator("#provider-email").WaitForAsync();
    }

    [Fact]
    public async Task Administrators_see_how_each_person_signs_in_and_when_they_last_did()
    {
        var (_, account) = await fixture.AddMemberAsync(assertsTwoFactor: true);
        await ProviderSignInSteps.SignInOverHttpAsync(Server.BaseUrl, account);
        const string administrator = "admin@dappanel.example";
        var key = await Server.EnrolAsync(administrator);
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync(1366, 900);
        await page.SignInAsync(Server.BaseUrl, administrator, Core.Demo.DemoLogins.Password);
        await page.WaitForURLAsync("**/account/login-code*", new() { WaitUntil = WaitUntilState.Commit });
        await page.FillAsync("#code", Authenticator.Code(key));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForInteractiveAsync();

        await page.GotoInteractiveAsync(Server.BaseUrl + "/admin/people");
        var row = page.Locator($"[data-testid=person-row][data-email='{account.Email}']");
        Assert.Equal("Password or Northshire ID", (await row.GetByTestId("sign-in-method").InnerTextAsync()).Trim());
        Assert.Matches(@"^Last signed in \d{1,2} \w{3} \d{4} \d{2}:\d{2} with Northshire ID$",
            (await row.GetByTestId("last-sign-in").InnerTextAsync()).Trim());
        var demoMember = page.Locator("[data-testid=person-row][data-email='probation@dappanel.example']");
        Assert.Equal("Password or Northshire ID (not used yet)", (await demoMember.GetByTestId("sign-in-method").InnerTextAsync()).Trim());
        foreach (var width in new[] { 390, 1366, 1920 })
        {
            var sized = await page.Context.NewPageAsync();
            await sized.SetViewportSizeAsync(width, 900);
            await sized.GotoInteractiveAsync(Server.BaseUrl + "/admin/people");
            await sized.Locator($"[data-testid=person-row][data-email='{account.Email}']").ScrollIntoViewIfNeededAsync();
            await sized.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"provider-people-{width}.png"),
            });
        }
    }

    [Fact]
    public async Task Without_a_second_factor_from_the_provider_DapPanel_asks_for_its_own_code()
    {
        // Not enrolled yet: required two-factor sign-in sends the person to enrol an authenticator app.
        var (_, newcomer) = await fixture.AddMemberAsync(assertsTwoFactor: false);
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInThroughProviderAsync(Server.BaseUrl, newcomer);
        await page.WaitForURLAsync("**/account/two-factor", new() { WaitUntil = WaitUntilState.Commit });
        await page.GotoAsync(Server.BaseUrl + "/meetings");
        Assert.EndsWith("/account/two-factor", page.Url);

        // Enrolled: the code is asked for after the provider, and only then is the person signed in.
        var (personId, member) = await fixture.AddMemberAsync(assertsTwoFactor: false);
        var key = await Server.EnrolAsync(member.Email);
        var second = await browser.NewPageAsync();
        await second.SignInThroughProviderAsync(Server.BaseUrl, member);
        await second.WaitForURLAsync("**/account/login-code*", new() { WaitUntil = WaitUntilState.Commit });
        var userId = await Server.ReadAsync(db => db.Users.Where(u => u.PersonId == personId).Select(u => u.Id).SingleAsync());
        Assert.False(await Server.ReadAsync(db => db.SignInSessions.AnyAsync(s => s.UserId == userId)));
        await second.FillAsync("#code", Authenticator.Code(key));
        await second.ClickAsync("button[type=submit]");
        await second.WaitForInteractiveAsync();
        await second.GotoInteractiveAsync(Server.BaseUrl + "/meetings");
        Assert.EndsWith("/meetings", second.Url);
        var user = await Server.ReadAsync(db => db.Users.SingleAsync(u => u.Id == userId));
        Assert.Equal(ProviderSignInServer.ProviderName, user.LastSignInMethod);
        Assert.True(await Server.ReadAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == userId && e.Action == AuditAction.SignIn
            && e.Summary.Contains("with an authenticator code after signing in through Northshire ID"))));
    }

    [Fact]
    public async Task Someone_who_is_not_a_member_of_this_panel_is_told_so_and_not_signed_in()
    {
        var stranger = fixture.Provider.Add($"stranger-{Guid.NewGuid():N}@{ProviderSignInServer.EmailDomain}", assertsTwoFactor: true);
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInThroughProviderAsync(Server.BaseUrl, stranger);
        await page.GetByTestId("not-a-member").WaitForAsync();
        Assert.Contains("Ask your panel coordinator", await page.Locator("main, body").First.InnerTextAsync());
        foreach (var width in new[] { 390, 1366, 1920 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync($"provider-not-a-member-{width}");
        }
        await page.GotoAsync(Server.BaseUrl + "/meetings");
        Assert.Contains("/account/login", page.Url);
    }

    [Fact]
    public async Task Someone_disabled_at_their_provider_cannot_sign_in_again()
    {
        var (personId, account) = await fixture.AddMemberAsync(assertsTwoFactor: true);
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInThroughProviderAsync(Server.BaseUrl, account);
        await page.WaitForURLAsync(Server.BaseUrl + "/", new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForInteractiveAsync();
        await page.ClickAsync("button.sign-out");
        await page.WaitForURLAsync("**/account/login", new() { WaitUntil = WaitUntilState.Commit });

        account.Disabled = true; // they left their agency
        var since = DateTimeOffset.UtcNow;
        await page.SignInThroughProviderAsync(Server.BaseUrl, account);
        var refused = page.GetByTestId("sign-in-failed");
        await refused.WaitForAsync();
        Assert.Equal("refused", await refused.GetAttributeAsync("data-problem"));
        var userId = await Server.ReadAsync(db => db.Users.Where(u => u.PersonId == personId).Select(u => u.Id).SingleAsync());
        Assert.False(await Server.ReadAsync(db => db.SignInSessions.AnyAsync(s => s.UserId == userId)));
        Assert.True(await Server.ReadAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SignInFailed && e.At >= since
            && e.Summary.Contains("the provider refused the sign-in"))));
    }

    [Fact]
    public async Task A_tampered_token_gets_a_clear_page_and_no_session()
    {
        var (personId, account) = await fixture.AddMemberAsync(assertsTwoFactor: true);
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        fixture.Provider.Spoil = TokenSpoiling.Tampered;
        try
        {
            await page.SignInThroughProviderAsync(Server.BaseUrl, account);
            var refused = page.GetByTestId("sign-in-failed");
            await refused.WaitForAsync();
            Assert.Equal("untrusted", await refused.GetAttributeAsync("data-problem"));
        }
        finally
        {
            fixture.Provider.Spoil = TokenSpoiling.None;
        }
        foreach (var width in new[] { 390, 1366, 1920 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync($"provider-sign-in-failed-{width}");
        }
        var userId = await Server.ReadAsync(db => db.Users.Where(u => u.PersonId == personId).Select(u => u.Id).SingleAsync());
        Assert.False(await Server.ReadAsync(db => db.SignInSessions.AnyAsync(s => s.UserId == userId)));
        Assert.DoesNotContain(await page.Context.CookiesAsync([Server.BaseUrl]), c => c.Name == "DapPanel.Auth");
    }
}
