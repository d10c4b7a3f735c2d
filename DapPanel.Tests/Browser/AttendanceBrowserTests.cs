using DapPanel.Core.Demo;
using DapPanel.Tests.Support;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

[Collection(LiveServerCollection.Name)]
[Trait("Category", "Browser")]
public class AttendanceBrowserTests(TestServer server)
{
    [Fact]
    public async Task An_agency_member_who_joins_appears_present_remotely_on_the_chairs_screen_and_the_chair_marks_an_agency_in_the_room()
    {
        var meeting = await server.CreateAsync(2);
        await using var browser = await BrowserFixture.LaunchAsync();
        var chair = await browser.NewPageAsync(1920, 1080);
        await chair.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
        await chair.WaitForSelectorAsync("text=Welcome");
        await chair.GotoAsync($"{server.BaseUrl}/meetings/{meeting.Id}/live");
        var statement = chair.GetByTestId("confidentiality");
        await statement.Locator("text=OFFICIAL-SENSITIVE").WaitForAsync();
        await chair.ScreenshotAsync("confidentiality-statement");
        await chair.OpenLiveRoomAsync(server.BaseUrl, meeting.Id);
        // Joining records attendance once the meeting is live; reading ahead before the start does not.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start the meeting" }).ClickAsync();
        await chair.Locator("[data-testid=meeting-status]", new() { HasText = "Live" }).WaitForAsync();
        var panel = chair.GetByTestId("attendance-panel");
        await panel.Locator("[data-testid=quorum]", new() { HasText = "Not quorate" }).WaitForAsync();

        var housing = await browser.NewPageAsync(1366, 768);
        await housing.SignInAsync(server.BaseUrl, "housing@dappanel.example", DemoLogins.Password);
        await housing.WaitForSelectorAsync("text=Welcome");
        await housing.OpenLiveRoomAsync(server.BaseUrl, meeting.Id);

        var housingRow = panel.Locator("[data-agency='Housing Needs']");
        await housingRow.Locator("li", new() { HasText = "Jamie Starling: present remotely" }).WaitForAsync();
        await chair.Locator("[data-testid=presence]", new() { HasText = "Jamie Starling" }).WaitForAsync();

        var police = panel.Locator("[data-agency='Police — South Area domestic abuse team']");
        await police.GetByRole(AriaRole.Button, new() { Name = "In the room" }).ClickAsync();
        await police.Locator(".dp-chip", new() { HasText = "Present in the room" }).WaitForAsync();
        var idva = panel.Locator("[data-agency='Family Justice Centre IDVA Service']");
        await idva.GetByRole(AriaRole.Button, new() { Name = "Ash Dunlin" }).ClickAsync();
        await idva.Locator("li", new() { HasText = "Ash Dunlin: present in the room" }).WaitForAsync();
        await panel.Locator("[data-testid=quorum]", new() { HasText = "3 of 10 core agencies" }).WaitForAsync();
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "attendance-panel.png") });
        await chair.ScreenshotAsync("live-room-attendance");
    }

    [Fact]
    public async Task A_manager_sees_the_insight_dashboard_with_the_drifting_agencies_highlighted()
    {
        await using var browser = await BrowserFixture.LaunchAsync();
        var manager = await browser.NewPageAsync(1600, 1000);
        await manager.SignInAsync(server.BaseUrl, "manager@dappanel.example", DemoLogins.Password);
        await manager.WaitForSelectorAsync("text=Welcome");
        // A click while the page's circuit is still starting can be lost (see the session note): wait for it.
        await manager.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await manager.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Insight" }).ClickAsync();
        var mentalHealth = manager.Locator("tr.missed-in-a-row[data-agency='Community Mental Health Team']");
        // The first dashboard of a freshly started server compiles its queries: allow for a slow, shared machine.
        await mentalHealth.WaitForAsync(new() { Timeout = 30_000 });
        await manager.Locator(".mud-chart").First.WaitForAsync();
        Assert.Contains("missed 4 in a row", await mentalHealth.InnerTextAsync());
        Assert.Equal(0, await manager.Locator("text=DAPP-").CountAsync());
        await manager.ScreenshotAsync("insight-dashboard");
    }
}
