using DapPanel.Core.Demo;
using DapPanel.Tests.Support;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>
/// The evaluation page and the intake record in the browser, at a phone's width, a laptop's and a big screen's;
/// screenshots for a person to look at, and axe on each.
/// </summary>
[Collection(DemoServerCollection.Name)]
[Trait("Category", "Browser")]
public class EvaluationBrowserTests(TestServer server)
{
    /// <summary>The page's circuit is connected (its buttons work); a shared, loaded machine may take a while.</summary>
    static Task Interactive(IPage page) =>
        page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });

    [Fact]
    public async Task A_manager_sees_every_figure_with_small_numbers_hidden_at_every_width()
    {
        await using var browser = await BrowserFixture.LaunchAsync();
        var axe = new AxeCheck();
        var manager = await browser.NewPageAsync(1366, 900);
        await manager.SignInAsync(server.BaseUrl, "manager@dappanel.example", DemoLogins.Password);
        await manager.WaitForSelectorAsync("text=Welcome");
        await Interactive(manager);

        await manager.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Evaluation" }).ClickAsync();
        // The first evaluation of a freshly started server compiles its queries: allow for a slow, shared machine.
        await manager.Locator("[data-figure=abuse-profile]").WaitForAsync(new() { Timeout = 60_000 });

        Assert.Equal(15, await manager.Locator("section.evaluation-figure").CountAsync());
        Assert.Equal(15, await manager.Locator("figure.evaluation-chart svg[role=img]").CountAsync());
        await manager.GetByTestId("suppressed-notice").WaitForAsync();
        Assert.True(await manager.Locator("td.suppressed").CountAsync() > 0);
        Assert.Equal(0, await manager.Locator("#show-small-numbers").CountAsync()); // managers cannot switch it off
        Assert.Equal(0, await manager.Locator("text=DAPP-").CountAsync());
        await axe.LookAsync(manager, "evaluation-1366");

        // A phone opens the page afresh (resizing would leave the menu drawn over it).
        var phone = await browser.NewPageAsync(390, 844);
        await phone.SignInAsync(server.BaseUrl, "manager@dappanel.example", DemoLogins.Password);
        await phone.WaitForSelectorAsync("text=Welcome");
        await phone.GotoAsync(server.BaseUrl + "/evaluation");
        await phone.Locator("[data-figure=abuse-profile]").WaitForAsync(new() { Timeout = 60_000 });
        await axe.LookAsync(phone, "evaluation-390");
        // At a phone's width nothing but the wide tables' own scrolling areas is wider than the screen.
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "At 390 wide the page itself scrolls sideways");

        await manager.SetViewportSizeAsync(1920, 1080);
        await axe.LookAsync(manager, "evaluation-1920");
        axe.AssertNone();
    }

    [Fact]
    public async Task A_chair_switches_small_numbers_on_for_the_screen_picks_a_quarter_and_sees_an_empty_period_said_plainly()
    {
        await using var browser = await BrowserFixture.LaunchAsync();
        var chair = await browser.NewPageAsync(1366, 900);
        await chair.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
        await chair.WaitForSelectorAsync("text=Welcome");
        await chair.GotoAsync(server.BaseUrl + "/evaluation");
        await Interactive(chair);
        await chair.Locator("[data-figure=abuse-profile]").WaitForAsync(new() { Timeout = 60_000 });
        var hidden = await chair.Locator("td.suppressed").CountAsync();
        Assert.True(hidden > 0);

        await chair.Locator("#show-small-numbers").ClickAsync();
        await chair.GetByTestId("unsuppressed-notice").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(0, await chair.Locator("td.suppressed").CountAsync());
        await chair.ScreenshotAsync("evaluation-chair-unsuppressed");

        await chair.GetByRole(AriaRole.Button, new() { Name = "Last quarter" }).ClickAsync();
        await chair.GetByTestId("period-shown").Filter(new() { HasNotText = "to " + DapPanel.Core.Domain.PanelTime.Today(TimeProvider.System).ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) }).WaitForAsync(new() { Timeout = 60_000 });

        await chair.Locator("#evaluation-from").FillAsync("2020-01-01");
        await chair.Locator("#evaluation-to").FillAsync("2020-12-31");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await chair.GetByTestId("no-cases").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(0, await chair.Locator("section.evaluation-figure").CountAsync());
        Assert.Equal(0, await chair.GetByText("Quarterly return (XLSX)").CountAsync());
    }

    [Fact]
    public async Task The_case_management_provider_records_an_intake_on_a_phone()
    {
        await using var browser = await BrowserFixture.LaunchAsync();
        var axe = new AxeCheck();
        var provider = await browser.NewPageAsync(390, 844);
        await provider.SignInAsync(server.BaseUrl, "casemanager@dappanel.example", DemoLogins.Password);
        await provider.WaitForSelectorAsync("text=Welcome");
        await provider.GotoAsync(server.BaseUrl + "/intake");
        await Interactive(provider);
        await provider.Locator("tr.intake-row").First.WaitForAsync();
        await axe.LookAsync(provider, "intake-list-390");

        await provider.Locator("tr.intake-row a", new() { HasText = "Record" }).First.ClickAsync();
        await provider.Locator("#save-intake").WaitForAsync(new() { Timeout = 60_000 });
        await Interactive(provider);
        await provider.Locator("#perpetrator-ethnicity").SelectOptionAsync("BlackCaribbean");
        await provider.Locator("#need-Housing").SelectOptionAsync("High");
        await axe.LookAsync(provider, "intake-390");
        await provider.Locator("#save-intake").ClickAsync();
        await provider.GetByText("Intake record saved.").WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("BlackCaribbean", await provider.Locator("#perpetrator-ethnicity").InputValueAsync());

        await provider.SetViewportSizeAsync(1366, 900);
        await axe.LookAsync(provider, "intake-1366");
        await provider.SetViewportSizeAsync(1920, 1080);
        await axe.LookAsync(provider, "intake-1920");
        await provider.GotoAsync(server.BaseUrl + "/intake");
        await provider.Locator("tr.intake-row").First.WaitForAsync();
        await axe.LookAsync(provider, "intake-list-1920");
        await provider.SetViewportSizeAsync(1366, 900);
        await axe.LookAsync(provider, "intake-list-1366");
        axe.AssertNone();
    }

    [Fact]
    public async Task An_administrator_reads_the_area_profile_the_evaluation_compares_with_at_every_width()
    {
        await using var browser = await BrowserFixture.LaunchAsync();
        var axe = new AxeCheck();
        var admin = await browser.NewPageAsync(390, 844);
        await admin.SignInAsync(server.BaseUrl, "admin@dappanel.example", DemoLogins.Password);
        await admin.WaitForSelectorAsync("text=Welcome");
        await admin.GotoAsync(server.BaseUrl + "/evaluation/area-profile");
        await Interactive(admin);
        await admin.Locator("#save-area").WaitForAsync(new() { Timeout = 60_000 });

        // The demo borough's Census 2021 profile adds up to the whole population.
        Assert.Equal("Total: 100.0%", (await admin.GetByTestId("area-total").InnerTextAsync()).Trim());
        Assert.Contains("Census 2021", await admin.Locator("#area-source").InputValueAsync());
        await axe.LookAsync(admin, "area-profile-390");
        Assert.True(await admin.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            "At 390 wide the page itself scrolls sideways");
        await admin.SetViewportSizeAsync(1366, 900);
        await axe.LookAsync(admin, "area-profile-1366");
        await admin.SetViewportSizeAsync(1920, 1080);
        await axe.LookAsync(admin, "area-profile-1920");
        axe.AssertNone();
    }
}
