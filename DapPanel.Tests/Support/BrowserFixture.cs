using Microsoft.Playwright;

namespace DapPanel.Tests.Support;

/// <summary>Debian's chromium (<see cref="TestServices.Chromium"/>) driven by Playwright; never a downloaded browser.</summary>
public sealed class BrowserFixture : IAsyncLifetime, IAsyncDisposable
{
    IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>A browser for one test: <c>await using var browser = await BrowserFixture.LaunchAsync();</c></summary>
    public static async Task<BrowserFixture> LaunchAsync()
    {
        var browser = new BrowserFixture();
        await browser.InitializeAsync();
        return browser;
    }

    public async Task InitializeAsync()
    {
        var chromium = TestServices.Chromium;
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1440, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// What each open page showed when a test stopped, and what the app told its user, for whoever reads the
    /// failure; each page is also screenshot as <c>{name}-failed-{n}</c>.
    /// </summary>
    public async Task<string> DescribeScreensAsync(string name)
    {
        var n = 0;
        var told = new List<string>();
        foreach (var page in Browser.Contexts.SelectMany(c => c.Pages))
        {
            try
            {
                await page.ScreenshotAsync($"{name}-failed-{++n}");
                told.Add($"page {n}: {page.Url}" + (await page.Locator("#blazor-error-ui").IsVisibleAsync() ? " (the connection error banner is showing)" : ""));
                told.AddRange((await page.Locator(".mud-snackbar, .mud-alert, .problem-list, #components-reconnect-modal").AllInnerTextsAsync())
                    .Select(t => $"page {n}: {t.ReplaceLineEndings(" ")}"));
            }
            catch (PlaywrightException unreadable)
            {
                // A crashed or closed page must not hide the failure being reported.
                told.Add($"page {n}: {page.Url} could not be read ({unreadable.Message.Split('\n')[0]})");
            }
        }
        return "Messages on screen:\n" + string.Join("\n", told);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}

public static class PageActions
{
    public static async Task SignInAsync(this IPage page, string baseUrl, string email, string password)
    {
        await page.GotoAsync(baseUrl + "/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        // The password form's button, not a "Sign in with" an agency's provider above it.
        await page.ClickAsync("button[type=submit]:not(.provider-button)");
    }

    /// <summary>Goes to an app page and waits until its buttons work (the circuit is connected).</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Opens a live room and waits until its buttons work (the circuit is connected).</summary>
    public static async Task OpenLiveRoomAsync(this IPage page, string baseUrl, Guid meetingId)
    {
        await page.GotoAsync($"{baseUrl}/meetings/{meetingId}/live");
        // Everyone acknowledges the confidentiality statement once per meeting before the room opens.
        var acknowledge = page.GetByTestId("acknowledge");
        var room = page.Locator(".live-room[data-interactive=true]");
        await acknowledge.Or(page.Locator(".live-room")).First.WaitForAsync();
        if (await acknowledge.IsVisibleAsync())
        {
            await page.Locator("[data-testid=confidentiality][data-interactive=true]").WaitForAsync();
            await acknowledge.ClickAsync();
        }
        await room.WaitForAsync();
    }

    /// <summary>
    /// Clicks until <paramref name="shows"/> appears: a prerendered button does nothing until the
    /// page's circuit connects, which under load can take longer than one wait.
    /// </summary>
    public static async Task ClickUntilAsync(this IPage page, string button, string shows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await page.ClickAsync(button);
            try
            {
                await page.Locator(shows).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 2000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline) { }
        }
    }

    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        // From the top: a full-page shot of a scrolled page draws the sticky app bar across the middle.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"), FullPage = true });
    }
}
