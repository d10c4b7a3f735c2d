using DapPanel.Core.Demo;
using DapPanel.Tests.Support;
using Microsoft.Playwright;

namespace DapPanel.Tests.Rehearsal;

/// <summary>The live room run with the keyboard alone (Tab, Enter, Space, typing): no mouse click anywhere.</summary>
[Collection(LiveServerCollection.Name)]
[Trait("Category", "Browser")]
public class KeyboardLiveMeetingTests(TestServer server)
{
    [Fact]
    public async Task The_chair_and_an_agency_run_an_item_with_the_keyboard_alone_and_always_see_where_the_focus_is()
    {
        var meeting = await server.CreateAsync(2);
        await using var browser = await BrowserFixture.LaunchAsync();
        var chair = await SignedInAsync(browser, "chair@dappanel.example", 1920, 1080);
        await OpenLiveRoomByKeyboardAsync(chair, meeting.Id);
        await PressOnAsync(chair, chair.GetByRole(AriaRole.Button, new() { Name = "Start the meeting" }), "Enter");
        await chair.Locator("[data-testid=meeting-status]", new() { HasText = "Live" }).WaitForAsync();

        var probation = await SignedInAsync(browser, "probation@dappanel.example", 1366, 768);
        await OpenLiveRoomByKeyboardAsync(probation, meeting.Id);
        await probation.Locator("[data-testid=live-item]", new() { HasText = "Test Person 1" }).WaitForAsync();

        // The agency offers a lever.
        await PressOnAsync(probation, probation.GetByRole(AriaRole.Button, new() { Name = "Offer a lever" }), "Enter");
        var leverForm = probation.GetByTestId("lever-form");
        await TabToAsync(probation, leverForm.GetByLabel("Family"));
        await probation.Keyboard.PressAsync("ArrowDown"); // Support → Disrupt
        await TabToAsync(probation, leverForm.Locator("textarea").First);
        await probation.Keyboard.TypeAsync("Licence recall can be considered after any breach");
        await PressOnAsync(probation, leverForm.GetByRole(AriaRole.Button, new() { Name = "Offer lever" }), " ");
        var lever = chair.GetByTestId("lever").Filter(new() { HasText = "Licence recall can be considered" });
        await lever.WaitForAsync();
        Assert.Contains("Disrupt", await lever.InnerTextAsync());
        await probation.ScreenshotAsync("keyboard-attendee-lever");

        // The chair records the decision and agrees an action.
        var decision = chair.GetByTestId("decision-form");
        await TabToAsync(chair, decision.Locator("textarea").First);
        await chair.Keyboard.TypeAsync("Accepted: probation holds a lever and the risk is high");
        await PressOnAsync(chair, decision.GetByRole(AriaRole.Button, new() { Name = "Record decision" }), "Enter");
        await probation.GetByTestId("decision-rationale").Filter(new() { HasText = "Accepted: probation holds a lever" }).WaitForAsync();

        await PressOnAsync(chair, chair.GetByRole(AriaRole.Button, new() { Name = "Agree an action" }), " ");
        var action = chair.GetByTestId("action-form");
        await TabToAsync(chair, action.Locator("textarea").First);
        await chair.Keyboard.TypeAsync("Book a three-way meeting with the offender manager");
        await TabToAsync(chair, action.GetByLabel("Owner agency"));
        await chair.Keyboard.TypeAsync("Probation"); // a native select picks the option typed
        await PressOnAsync(chair, action.GetByRole(AriaRole.Button, new() { Name = "Add action" }), "Enter");
        var agreed = probation.GetByTestId("action").Filter(new() { HasText = "Book a three-way meeting" });
        await agreed.WaitForAsync();
        Assert.Contains("Probation Service", await agreed.InnerTextAsync());
        await chair.ScreenshotAsync("keyboard-chair-action");

        await PressOnAsync(chair, chair.GetByRole(AriaRole.Button, new() { Name = "Next item" }), "Enter");
        await probation.Locator("[data-testid=live-item]", new() { HasText = "Test Person 2" }).WaitForAsync();
    }

    async Task<IPage> SignedInAsync(BrowserFixture browser, string email, int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(server.BaseUrl, email, DemoLogins.Password);
        await page.WaitForSelectorAsync("text=Welcome");
        return page;
    }

    async Task OpenLiveRoomByKeyboardAsync(IPage page, Guid meetingId)
    {
        await page.GotoAsync($"{server.BaseUrl}/meetings/{meetingId}/live");
        await page.Locator("[data-testid=confidentiality][data-interactive=true]").WaitForAsync();
        await PressOnAsync(page, page.GetByTestId("acknowledge"), "Enter");
        await page.Locator(".live-room[data-interactive=true]").WaitForAsync();
    }

    /// <summary>Tabs to the control, checks the focus can be seen on it, and presses the key.</summary>
    static async Task PressOnAsync(IPage page, ILocator control, string key)
    {
        await TabToAsync(page, control);
        var indicator = await control.EvaluateAsync<string>(
            "el => { const s = getComputedStyle(el); return s.outlineStyle + ' ' + s.outlineWidth + ' | ' + s.boxShadow; }");
        Assert.False(indicator.StartsWith("none") && indicator.EndsWith("| none"),
            $"The focused control shows no focus indicator ({indicator}).");
        await page.Keyboard.PressAsync(key);
    }

    /// <summary>Presses Tab until the control has the focus, as a keyboard user would.</summary>
    static async Task TabToAsync(IPage page, ILocator control, int limit = 150)
    {
        await control.WaitForAsync();
        for (var presses = 0; presses < limit; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await control.EvaluateAsync<bool>("el => el === document.activeElement")) return;
        }
        Assert.Fail($"{limit} presses of Tab never reached {control}.");
    }
}
