using DapPanel.Core.Demo;
using DapPanel.Tests.Support;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>The menu sits beside the page on a wide screen and over it on a phone, and says which it is doing.</summary>
[Collection(DemoServerCollection.Name)]
[Trait("Category", "Browser")]
public class MenuBrowserTests(TestServer server) : IClassFixture<BrowserFixture>
{
    readonly BrowserFixture browser = new();

    [Fact]
    public async Task On_a_wide_screen_the_menu_is_beside_the_page_until_it_is_hidden()
    {
        await browser.InitializeAsync();
        try
        {
            var page = await SignedInAsync(1440, 900);
            var menu = page.Locator("#app-menu");
            var toggle = page.Locator(".menu-toggle");

            Assert.True(await menu.IsVisibleAsync());
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            var content = await page.Locator(".mud-main-content").BoundingBoxAsync();
            var beside = await menu.BoundingBoxAsync();
            Assert.True(content!.X >= beside!.X + beside.Width, "The page starts to the right of the menu.");

            await toggle.ClickAsync();
            await Assertions.Expect(menu).ToBeHiddenAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
            await Assertions.Expect(page.Locator(".mud-main-content")).ToHaveCSSAsync("margin-left", "0px");

            await toggle.ClickAsync();
            await Assertions.Expect(menu).ToBeVisibleAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            await Assertions.Expect(page.Locator(".mud-main-content")).ToHaveCSSAsync("margin-left", "240px");
            await page.ScreenshotAsync("menu-wide");
        }
        finally
        {
            await browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_the_menu_opens_over_the_page_and_goes_away_when_a_page_is_chosen()
    {
        await browser.InitializeAsync();
        try
        {
            var page = await SignedInAsync(390, 844);
            var menu = page.Locator("#app-menu");
            var toggle = page.Locator(".menu-toggle");

            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
            Assert.False(await menu.IsVisibleAsync());
            await Assertions.Expect(page.Locator(".mud-main-content")).ToHaveCSSAsync("margin-left", "0px");

            await toggle.ClickAsync();
            await Assertions.Expect(menu).ToBeVisibleAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
            await page.ScreenshotAsync("menu-phone-open");

            await menu.GetByRole(AriaRole.Link, new() { Name = "Meetings" }).ClickAsync();
            await page.WaitForURLAsync("**/meetings", new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(menu).ToBeHiddenAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");

            await toggle.ClickAsync();
            await Assertions.Expect(menu).ToBeVisibleAsync();
            await page.Locator(".app-drawer-backdrop").ClickAsync(new() { Position = new() { X = 370, Y = 400 } });
            await Assertions.Expect(menu).ToBeHiddenAsync();
        }
        finally
        {
            await browser.DisposeAsync();
        }
    }

    async Task<IPage> SignedInAsync(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
        await page.WaitForSelectorAsync("text=Welcome, DI Sam Kestrel");
        await page.WaitForInteractiveAsync();
        return page;
    }
}
