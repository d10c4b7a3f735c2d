using DapPanel.Core.Demo;
using DapPanel.Tests.Minutes;
using DapPanel.Tests.Support;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>
/// The live room at the sizes it is used: the chair's laptop (agenda and case on the first screen, quorum in the
/// header, attendance opened beside), the room's big screen (everything at once) and an agency member's phone (the
/// case first). On the demo's upcoming meeting of 17 cases, on a server of its own as the meeting starts.
/// </summary>
[Trait("Category", "Browser")]
public class LiveRoomLayoutTests
{
    [Fact]
    public async Task The_chairs_laptop_shows_agenda_and_case_on_one_screen_with_the_quorum_in_the_header()
    {
        await OwnServer.WithBrowserAsync(async (server, browser) =>
        {
            var meeting = await DemoMeetings.UpcomingAsync(server);
            var axe = new AxeCheck();
            var chair = await browser.NewPageAsync(1366, 768);
            await chair.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
            await chair.OpenLiveRoomAsync(server.BaseUrl, meeting.Id);

            // Before the start: what the chair needs then, in the main area.
            var before = chair.GetByTestId("before-meeting");
            await before.GetByTestId("before-quorum").WaitForAsync();
            await before.GetByTestId("before-readiness").WaitForAsync();
            Assert.StartsWith("DAPP-", await before.GetByTestId("before-first-case").InnerTextAsync());
            var toggle = chair.GetByTestId("header-quorum");
            await chair.Locator("[data-testid=header-quorum]", new() { HasText = "core" }).WaitForAsync();
            Assert.False(await chair.GetByTestId("attendance-panel").IsVisibleAsync());
            await LayoutChecks.AssertFitsAsync(chair);
            await axe.LookAsync(chair, "live-room-chair-before-1366");

            // The attendance opens beside the room and closes again; the quorum stays in the header.
            await toggle.ClickAsync();
            await chair.GetByTestId("attendance-panel").WaitForAsync();
            Assert.Equal("true", await toggle.GetAttributeAsync("aria-expanded"));
            // The keyboard follows: into the attendance when it opens, back to its button when it closes.
            await chair.WaitForFunctionAsync("() => document.getElementById('live-people').contains(document.activeElement)");
            await chair.ScreenshotAsync("live-room-chair-attendance-1366");
            await chair.GetByRole(AriaRole.Button, new() { Name = "Close attendance" }).ClickAsync();
            await chair.GetByTestId("attendance-panel").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
            await chair.WaitForFunctionAsync("() => document.activeElement?.dataset.testid === 'header-quorum'");

            await chair.GetByRole(AriaRole.Button, new() { Name = "Start the meeting" }).ClickAsync();
            var item = chair.Locator("[data-testid=live-item] h2");
            await item.WaitForAsync();
            await LayoutChecks.AssertOnFirstScreenAsync(chair, item, "the current case's heading");
            await LayoutChecks.AssertOnFirstScreenAsync(chair, chair.Locator(".live-side h2", new() { HasText = "Agenda" }), "the agenda");
            await LayoutChecks.AssertOnFirstScreenAsync(chair, chair.GetByTestId("header-quorum"), "the quorum");
            await LayoutChecks.AssertFitsAsync(chair);
            await axe.LookAsync(chair, "live-room-chair-1366");

            // The room's big screen: agenda, case, levers, decision, actions and attendance at once.
            var screen = await browser.NewPageAsync(1920, 1080);
            await screen.SignInAsync(server.BaseUrl, "cochair@dappanel.example", DemoLogins.Password);
            await screen.OpenLiveRoomAsync(server.BaseUrl, meeting.Id);
            foreach (var part in new[] { "live-item", "levers", "decision", "actions", "attendance-panel" })
                await LayoutChecks.AssertOnFirstScreenAsync(screen, screen.GetByTestId(part), part);
            await LayoutChecks.AssertFitsAsync(screen);
            await axe.LookAsync(screen, "live-room-chair");

            // An agency member's phone: the case, then their levers and actions, before the agenda.
            var phone = await browser.NewPageAsync(390, 844);
            await phone.SignInAsync(server.BaseUrl, "probation@dappanel.example", DemoLogins.Password);
            await phone.OpenLiveRoomAsync(server.BaseUrl, meeting.Id);
            var phoneItem = phone.GetByTestId("live-item");
            await phoneItem.WaitForAsync();
            await LayoutChecks.AssertOnFirstScreenAsync(phone, phone.Locator("[data-testid=live-item] h2"), "the current case");
            var caseTop = (await phoneItem.BoundingBoxAsync())!.Y;
            var leversTop = (await phone.GetByTestId("levers").BoundingBoxAsync())!.Y;
            var actionsTop = (await phone.GetByTestId("actions").BoundingBoxAsync())!.Y;
            var decisionTop = (await phone.GetByTestId("decision").BoundingBoxAsync())!.Y;
            var agendaTop = (await phone.Locator(".live-side").BoundingBoxAsync())!.Y;
            Assert.True(caseTop < leversTop && leversTop < agendaTop && actionsTop < decisionTop,
                $"On a phone the case ({caseTop}), levers ({leversTop}) and actions ({actionsTop}) come before the decision ({decisionTop}) and the agenda ({agendaTop}).");
            await LayoutChecks.AssertFitsAsync(phone);
            await axe.LookAsync(phone, "live-room-attendee-390");

            var laptop = await browser.NewPageAsync(1366, 768);
            await laptop.SignInAsync(server.BaseUrl, "housing@dappanel.example", DemoLogins.Password);
            await laptop.OpenLiveRoomAsync(server.BaseUrl, meeting.Id);
            await LayoutChecks.AssertOnFirstScreenAsync(laptop, laptop.Locator("[data-testid=live-item] h2"), "the current case");
            await LayoutChecks.AssertFitsAsync(laptop);
            await axe.LookAsync(laptop, "live-room-attendee");
            axe.AssertNone();
        });
    }
}
