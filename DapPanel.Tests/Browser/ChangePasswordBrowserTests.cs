using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>A person changes their own password; on a server of its own, as it changes a demo sign-in.</summary>
[Trait("Category", "Browser")]
public class ChangePasswordBrowserTests
{
    const string NewPassword = "Seven-kettles-1 on the hob";

    [Fact]
    public async Task A_member_changes_their_password_and_signs_in_with_the_new_one_only()
    {
        await OwnServer.WithBrowserAsync(async (server, browser) =>
        {
            var page = await browser.NewPageAsync();
            await page.SignInAsync(server.BaseUrl, "probation@dappanel.example", DemoLogins.Password);
            await page.WaitForSelectorAsync("text=Welcome");
            await page.ClickAsync("a.account-settings");
            await page.WaitForSelectorAsync("h1:has-text('Change your password')");

            await ChangeAsync(page, "not-my-password", NewPassword, NewPassword);
            Assert.Contains("current password is not right", await page.InnerTextAsync("[role=alert]"));

            await ChangeAsync(page, DemoLogins.Password, NewPassword, NewPassword + "!");
            Assert.Contains("not the same", await page.InnerTextAsync(".account-validation"));

            await ChangeAsync(page, DemoLogins.Password, "short", "short");
            Assert.Contains("12 to 200 characters", await page.InnerTextAsync(".account-validation"));
            await page.ScreenshotAsync("change-password-refused");

            await ChangeAsync(page, DemoLogins.Password, NewPassword, NewPassword);
            await page.GetByTestId("password-changed").WaitForAsync();
            await page.ScreenshotAsync("change-password-done");
            var audited = await server.ReadAsync(db => db.AuditEvents.AnyAsync(a => a.Summary == "probation@dappanel.example changed their password"));
            Assert.True(audited);

            // This browser stays signed in; a fresh one needs the new password.
            await page.GotoAsync(server.BaseUrl + "/");
            await page.WaitForSelectorAsync("text=Welcome");
            var other = await browser.NewPageAsync();
            await other.SignInAsync(server.BaseUrl, "probation@dappanel.example", DemoLogins.Password);
            await other.Locator("[role=alert]").WaitForAsync();
            await other.SignInAsync(server.BaseUrl, "probation@dappanel.example", NewPassword);
            await other.WaitForSelectorAsync("text=Welcome");
        });
    }

    static async Task ChangeAsync(IPage page, string current, string next, string again)
    {
        await page.FillAsync("#current-password", current);
        await page.FillAsync("#new-password", next);
        await page.FillAsync("#confirm-password", again);
        await page.ClickAsync("button[type=submit]:has-text('Change password')");
        await page.WaitForLoadStateAsync();
    }
}
