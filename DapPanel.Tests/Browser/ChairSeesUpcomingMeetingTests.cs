using DapPanel.Core.Demo;
using DapPanel.Tests.Support;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

[Collection(DemoServerCollection.Name)]
[Trait("Category", "Browser")]
public class ChairSeesUpcomingMeetingTests(TestServer server) : IClassFixture<BrowserFixture>
{
    readonly BrowserFixture browser = new();

    [Fact]
    public async Task The_demo_chair_signs_in_and_sees_the_upcoming_meeting_with_its_17_items()
    {
        await browser.InitializeAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await page.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);

            await page.WaitForSelectorAsync("text=Welcome, DI Sam Kestrel");
            await page.WaitForSelectorAsync(".next-meeting");
            await page.ScreenshotAsync("home-chair");

            await page.ClickAsync(".next-meeting a");
            await page.WaitForSelectorAsync("tr.agenda-item");
            Assert.Equal(17, await page.Locator("tr.agenda-item").CountAsync());
            Assert.Equal(7, await page.Locator("tr.agenda-item", new() { HasText = "New referral" }).CountAsync());
            Assert.Equal(10, await page.Locator("tr.agenda-item", new() { HasText = "Review" }).CountAsync());
            await page.ScreenshotAsync("meeting-detail");

            await page.GotoAsync(server.BaseUrl + "/cases");
            await page.WaitForSelectorAsync("text=DAPP-");
            await page.ScreenshotAsync("cases");
            await page.Locator("a", new() { HasText = "DAPP-" }).First.ClickAsync();
            await page.WaitForSelectorAsync("text=Victim-survivors and children");
            await page.ScreenshotAsync("case-detail");
        }
        finally
        {
            await browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_bad_sign_in_gets_a_clear_message_and_no_session()
    {
        await browser.InitializeAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await page.SignInAsync(server.BaseUrl, "chair@dappanel.example", "not-the-password");

            var alert = page.Locator("[role=alert]");
            await alert.WaitForAsync();
            Assert.Contains("do not match", await alert.InnerTextAsync());
            await page.ScreenshotAsync("sign-in-refused");

            await page.GotoAsync(server.BaseUrl + "/meetings");
            Assert.Contains("/account/login", page.Url);
        }
        finally
        {
            await browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_agency_member_is_refused_the_case_list()
    {
        await browser.InitializeAsync();
        try
        {
            var page = await browser.NewPageAsync();
            await page.SignInAsync(server.BaseUrl, "housing@dappanel.example", DemoLogins.Password);
            await page.WaitForSelectorAsync("text=Welcome, Jamie Starling");
            Assert.Equal(0, await page.Locator("nav a", new() { HasText = "Cases" }).CountAsync());

            await page.GotoAsync(server.BaseUrl + "/cases");
            await page.WaitForSelectorAsync("text=You do not have access to this page");
            Assert.Equal(0, await page.Locator("text=DAPP-").CountAsync());
        }
        finally
        {
            await browser.DisposeAsync();
        }
    }
}
