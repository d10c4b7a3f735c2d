using System.Net;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DapPanel.Tests.Security;

[Collection(TwoFactorServerCollection.Name)]
[Trait("Category", "Browser")]
public class TwoFactorSignInTests(TwoFactorServer fixture)
{
    TestServer Server => fixture.Server;

    [Fact]
    public async Task A_person_enrols_an_authenticator_app_then_signs_in_with_its_code_or_a_recovery_code()
    {
        const string email = "manager@dappanel.example";
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Server.BaseUrl, email, DemoLogins.Password);
        await page.WaitForURLAsync("**/account/two-factor", new() { WaitUntil = WaitUntilState.Commit });

        await page.GotoAsync(Server.BaseUrl + "/meetings");
        Assert.EndsWith("/account/two-factor", page.Url);
        var key = await page.GetByTestId("shared-key").InnerTextAsync();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.True(await page.Locator("img.enrol-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"),
            "the QR code image loads under the content security policy");
        await page.ScreenshotAsync("two-factor-enrolment");

        await page.FillAsync("#code", WrongCode(key));
        await page.ClickAsync("button[type=submit].account-button");
        await page.Locator(".account-error", new() { HasText = "does not match" }).WaitForAsync();

        await page.FillAsync("#code", Authenticator.Code(key));
        await page.ClickAsync("button[type=submit].account-button");
        var recoveryCodes = await page.Locator("[data-testid=recovery-codes] li").AllInnerTextsAsync();
        Assert.Equal(10, recoveryCodes.Count);
        await page.ScreenshotAsync("two-factor-recovery-codes");
        await page.ClickAsync("text=continue to DapPanel");
        await page.WaitForInteractiveAsync();
        Assert.Equal(Server.BaseUrl + "/", page.Url);

        await SignOutAsync(page);
        await page.SignInAsync(Server.BaseUrl, email, DemoLogins.Password);
        await page.WaitForURLAsync("**/account/login-code*", new() { WaitUntil = WaitUntilState.Commit });
        await page.FillAsync("#code", WrongCode(key));
        await page.ClickAsync("button[type=submit]");
        await page.Locator(".account-error", new() { HasText = "not right" }).WaitForAsync();
        await page.ScreenshotAsync("two-factor-sign-in");
        // The next time step's code: an authenticator accepts a little clock drift, and it is a code not used before.
        await page.FillAsync("#code", Authenticator.Code(key, DateTime.UtcNow.AddSeconds(30)));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForInteractiveAsync();
        await page.GotoInteractiveAsync(Server.BaseUrl + "/meetings");
        Assert.EndsWith("/meetings", page.Url);

        await SignOutAsync(page);
        await page.SignInAsync(Server.BaseUrl, email, DemoLogins.Password);
        await page.WaitForURLAsync("**/account/login-code*", new() { WaitUntil = WaitUntilState.Commit });
        await page.FillAsync("#code", recoveryCodes[0].Replace("-", "").ToLowerInvariant());
        await page.ClickAsync("button[type=submit]");
        await page.WaitForInteractiveAsync();

        var audit = await Server.ReadAsync(db => db.AuditEvents.Where(e => e.Summary.Contains(email)).ToListAsync());
        Assert.Contains(audit, e => e.Action == AuditAction.SignIn && e.Summary.Contains("an authenticator code"));
        Assert.Contains(audit, e => e.Action == AuditAction.SignIn && e.Summary.Contains("a recovery code (9 left)"));
        Assert.Contains(audit, e => e.Action == AuditAction.SignInFailed && e.Summary.Contains("Wrong sign-in code"));
        Assert.Contains(audit, e => e.Action == AuditAction.PermissionChanged && e.Summary.Contains("turned on two-factor"));
    }

    [Fact]
    public async Task Before_enrolling_a_person_reaches_nothing_but_enrolment_not_even_the_hub_or_exports()
    {
        using var client = await Server.SignedInClientAsync("health@dappanel.example");

        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, "/meetings");
        pageRequest.Headers.Accept.ParseAdd("text/html");
        var page = await client.SendAsync(pageRequest);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/two-factor", page.Headers.Location!.OriginalString);

        var negotiate = await client.PostAsync("/hubs/meeting/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);

        var circuit = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Forbidden, circuit.StatusCode);

        var enrolment = await client.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, enrolment.StatusCode);
        Assert.Contains("Turn on two-factor sign-in", await enrolment.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_enrolled_person_who_knows_only_the_password_is_not_signed_in()
    {
        await Server.EnrolAsync("prison@dappanel.example");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Server.SignedInClientAsync("prison@dappanel.example"));

        Assert.Contains("failed", failure.Message);
    }

    static string WrongCode(string key)
    {
        var now = DateTime.UtcNow;
        var valid = Enumerable.Range(-3, 7).Select(step => Authenticator.Code(key, now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1000).Select(i => i.ToString("000000")).First(code => !valid.Contains(code));
    }

    static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("button.sign-out");
        await page.WaitForURLAsync("**/account/login", new() { WaitUntil = WaitUntilState.Commit });
    }
}
