using DapPanel.Core.Demo;
using DapPanel.Tests.Support;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

[Collection(LiveServerCollection.Name)]
[Trait("Category", "Browser")]
public class LiveMeetingBrowserTests(TestServer server)
{
    [Fact]
    public async Task A_lever_from_an_agency_reaches_the_chair_and_the_chairs_decision_reaches_the_agency_without_reload()
    {
        var meeting = await server.CreateAsync(3);
        await using var browser = await BrowserFixture.LaunchAsync();
        var chair = await browser.NewPageAsync(1920, 1080);
        await StartMeetingAsync(chair, meeting.Id);

        var probation = await browser.NewPageAsync(1366, 768);
        await EnterAsync(probation, "probation@dappanel.example", meeting.Id);
        await probation.Locator("[data-testid=live-item]", new() { HasText = "Test Person 1" }).WaitForAsync();

        await chair.Locator("[data-testid=presence]", new() { HasText = "Chris Plover" }).WaitForAsync();

        // The item timer counts on in the browser: seconds on the chair's screen, whole minutes for attendees.
        var chairClock = chair.Locator("[data-testid=item-timer] .live-timer-clock");
        var started = await chairClock.InnerTextAsync();
        Assert.Matches(@"^\d+:\d\d / \d+:00$", started);
        await chair.WaitForFunctionAsync("text => document.querySelector('[data-testid=item-timer] .live-timer-clock').textContent !== text", started);
        Assert.Matches(@"^\d+ of \d+ min$", await probation.Locator("[data-testid=item-timer] .live-timer-clock").InnerTextAsync());

        await probation.GetByRole(AriaRole.Button, new() { Name = "Offer a lever" }).ClickAsync();
        await probation.Locator("[data-testid=lever-form] textarea").First.FillAsync("Supervising officer can arrange a joint visit");
        await probation.GetByRole(AriaRole.Button, new() { Name = "Offer lever" }).ClickAsync();

        await chair.Locator("[data-testid=lever]", new() { HasText = "Supervising officer can arrange a joint visit" }).WaitForAsync();
        await chair.ScreenshotAsync("live-room-chair");

        await chair.Locator("[data-testid=decision-form] textarea").First.FillAsync("Eligible: high risk, probation is a safe route in");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();

        await probation.Locator("[data-testid=decision-rationale]", new() { HasText = "Eligible: high risk" }).WaitForAsync();
        // The chair's own form closes on the recorded decision rather than warning about it as someone else's.
        await chair.Locator("[data-testid=decision-rationale]", new() { HasText = "Eligible: high risk" }).WaitForAsync();
        Assert.Equal(0, await chair.GetByTestId("decision-conflict").CountAsync());
        await probation.ScreenshotAsync("live-room-agency");
        Assert.Contains("Accept", await probation.Locator("[data-testid=decision-outcome]").InnerTextAsync());

        await probation.ReloadAsync();
        await probation.Locator("[data-testid=decision-rationale]", new() { HasText = "Eligible: high risk" }).WaitForAsync();
        Assert.Equal(1, await probation.Locator("[data-testid=lever]").CountAsync());
    }

    [Fact]
    public async Task The_item_timer_wakes_an_attendees_page_once_a_minute_and_the_chairs_once_a_second()
    {
        var meeting = await server.CreateAsync(2);
        await using var browser = await BrowserFixture.LaunchAsync();
        var chair = await TimedPageAsync(browser);
        await StartMeetingAsync(chair, meeting.Id);
        await chair.Locator("[data-testid=item-timer][data-running=true]").WaitForAsync();

        var probation = await TimedPageAsync(browser);
        await EnterAsync(probation, "probation@dappanel.example", meeting.Id);
        await probation.Locator("[data-testid=item-timer][data-running=true]").WaitForAsync();
        // Two and a half seconds pass on each page's clock at once (Playwright's fake clock), firing what falls due.
        await chair.Clock.RunForAsync(2500);
        await probation.Clock.RunForAsync(2500);

        // The chair's clock shows seconds: it wakes within a second. The attendee's shows whole minutes: it
        // sleeps until the next one, not waking every second for a text that has not changed.
        Assert.InRange(await LastTimerWakeAsync(chair), 1, 1005);
        Assert.InRange(await LastTimerWakeAsync(probation), 1, 60_005);
        Assert.True(await TimerWakesAsync(probation) <= 2, "The attendee's timer woke every second.");
        Assert.True(await TimerWakesAsync(chair) >= 3, "The chair's timer stopped counting.");

        // Paused by the chair, the timer sleeps on every screen until it runs again: twenty seconds pass without a wake
        // (less than the thirty after which the page's connection would count the server as gone).
        await chair.GetByRole(AriaRole.Button, new() { Name = "Pause timer" }).ClickAsync();
        await probation.Locator("[data-testid=item-timer][data-running=false]").WaitForAsync();
        var asleep = await TimerWakesAsync(probation);
        await probation.Clock.RunForAsync(20_000);
        Assert.Equal(asleep, await TimerWakesAsync(probation));

        // A page on Playwright's fake clock (time runs as usual until a test moves it on) that records the delays
        // live-timer.js asks for, to see how often the timer wakes the page.
        static async Task<IPage> TimedPageAsync(BrowserFixture browser)
        {
            var page = await browser.NewPageAsync();
            await page.Context.Clock.InstallAsync();
            await page.Context.AddInitScriptAsync("""
                window.__timerWakes = [];
                const native = window.setTimeout;
                window.setTimeout = function (handler, delay, ...rest) {
                  if (new Error().stack.includes('live-timer')) window.__timerWakes.push(delay);
                  return native.call(this, handler, delay, ...rest);
                };
                """);
            return page;
        }

        static Task<int> TimerWakesAsync(IPage page) => page.EvaluateAsync<int>("() => window.__timerWakes.length");

        static Task<double> LastTimerWakeAsync(IPage page) => page.EvaluateAsync<double>("() => window.__timerWakes.at(-1)");
    }

    /// <summary>The chair signs in, opens the meeting's live room and starts the meeting.</summary>
    async Task StartMeetingAsync(IPage chair, Guid meetingId)
    {
        await EnterAsync(chair, "chair@dappanel.example", meetingId);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start the meeting" }).ClickAsync();
        await chair.Locator("[data-testid=meeting-status]", new() { HasText = "Live" }).WaitForAsync();
    }

    async Task EnterAsync(IPage page, string email, Guid meetingId)
    {
        await page.SignInAsync(server.BaseUrl, email, DemoLogins.Password);
        await page.WaitForSelectorAsync("text=Welcome");
        await page.OpenLiveRoomAsync(server.BaseUrl, meetingId);
    }

    [Fact]
    public async Task A_page_whose_connection_dropped_catches_up_when_it_comes_back()
    {
        var meeting = await server.CreateAsync(2);
        await using var browser = await BrowserFixture.LaunchAsync();
        var chair = await browser.NewPageAsync();
        await StartMeetingAsync(chair, meeting.Id);

        var housing = await browser.NewPageAsync();
        await EnterAsync(housing, "housing@dappanel.example", meeting.Id);
        await housing.Locator("[data-testid=live-item]", new() { HasText = "Test Person 1" }).WaitForAsync();

        await housing.Context.SetOfflineAsync(true);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next item" }).ClickAsync();
        await chair.Locator("[data-testid=live-item]", new() { HasText = "Test Person 2" }).WaitForAsync();
        await housing.Context.SetOfflineAsync(false);

        // Either the circuit resumes and receives what it missed, or the page reloads and reads it afresh.
        await housing.Locator("[data-testid=live-item]", new() { HasText = "Test Person 2" })
            .WaitForAsync(new() { Timeout = 30_000 });
    }
}
