using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

[Collection(RevocationServerCollection.Name)]
[Trait("Category", "Browser")]
public class AdministrationBrowserTests(RevocationServer fixture)
{
    TestServer Server => fixture.Server;

    /// <summary>MudBlazor puts the test id on the input itself or on its wrapper, depending on the component.</summary>
    static string Field(string testId) => $":is(input[data-testid={testId}], [data-testid={testId}] input)";

    [Fact]
    public async Task An_administrator_adds_a_person_changes_their_roles_disables_them_and_adds_an_agency()
    {
        var email = $"new-{Guid.NewGuid():N}"[..12] + "@housing.example";
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Server.BaseUrl, "admin@dappanel.example", DemoLogins.Password);
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "People and sign-ins" }).ClickAsync();
        await page.Locator("[data-testid=person-row]").First.WaitForAsync();
        await page.ScreenshotAsync("admin-people");

        await page.ClickUntilAsync("[data-testid=show-add-person]", "[data-testid=add-person]");
        await page.ClickAsync("[data-testid=add-person]");
        await page.Locator(".problem-list", new() { HasText = "Enter the person's full name" }).WaitForAsync();
        await page.FillAsync(Field("full-name"), "Casey <b>Wagtail</b>");
        await page.FillAsync(Field("email"), email);
        await page.FillAsync(Field("job-title"), "Tenancy sustainment officer");
        await page.ClickAsync("[data-testid=agency]");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Housing Needs" }).ClickAsync();
        await page.ClickAsync(Field("role-AgencyMember"));
        await page.FillAsync(Field("password"), "short");
        await page.ClickAsync("[data-testid=add-person]");
        await page.Locator(".problem-list", new() { HasText = "at least 12 characters" }).WaitForAsync();
        Assert.Equal("Casey <b>Wagtail</b>", await page.InputValueAsync(Field("full-name")));
        await page.ScreenshotAsync("admin-add-person");
        await page.FillAsync(Field("password"), "Tenancy-officer-2026");
        await page.ClickAsync("[data-testid=add-person]");

        var row = page.Locator($"[data-testid=person-row][data-email='{email}']");
        await row.WaitForAsync();
        Assert.Contains("Casey <b>Wagtail</b>", await row.InnerTextAsync());
        Assert.Contains("Agency member", await row.InnerTextAsync());

        await row.GetByRole(AriaRole.Button, new() { Name = "Change Casey" }).ClickAsync();
        var form = page.GetByTestId("person-access-form");
        await form.Locator(Field("role-Chair")).ClickAsync();
        await page.ScreenshotAsync("admin-change-person");
        await form.Locator("[data-testid=save-access]").ClickAsync();
        await row.Locator("text=Chair, Agency member").WaitForAsync();

        await row.GetByTestId("toggle-active").ClickAsync();
        // Disabling asks first and says what it does; the administrator's own row offers no Disable at all.
        await page.Locator(".mud-dialog", new() { HasText = "can no longer sign in" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable their sign-in" }).ClickAsync();
        await row.Locator("text=Disabled").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=person-row][data-email='admin@dappanel.example'] [data-testid=toggle-active]").CountAsync());

        var audit = await Server.ReadAsync(db => db.AuditEvents.Where(e => e.Summary.Contains("Casey")).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(3, audit.Count(e => e.Action == AuditAction.PermissionChanged));

        await page.GetByRole(AriaRole.Link, new() { Name = "Agencies" }).ClickAsync();
        await page.Locator("[data-testid=agency-row]").First.WaitForAsync();
        await page.ClickUntilAsync("[data-testid=show-add-agency]", "[data-testid=agency-form]");
        await page.FillAsync(Field("agency-name"), "Croydon Women's Aid");
        await page.ClickAsync("[data-testid=save-agency]");
        await page.Locator("[data-testid=agency-row]", new() { HasText = "Croydon Women's Aid" }).WaitForAsync();
        await page.ScreenshotAsync("admin-agencies");
    }
}
