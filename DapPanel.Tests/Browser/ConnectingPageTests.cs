using DapPanel.Core.Demo;
using DapPanel.Tests.Support;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>
/// A prerendered page holds its buttons back until its circuit has connected, so a click is never silently lost; a bar
/// across the top says it is connecting. Pages without a circuit (signing in) are never held back.
/// </summary>
[Collection(DemoServerCollection.Name)]
[Trait("Category", "Browser")]
public class ConnectingPageTests(TestServer server)
{
    const string SignOutButtonEvents = "() => getComputedStyle(document.querySelector('form[action=\"/account/logout\"] button')).pointerEvents";
    const string ConnectingBar = "() => getComputedStyle(document.body, '::before').content";

    [Fact]
    public async Task Buttons_wait_for_the_circuit_and_work_once_it_has_connected()
    {
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(server.BaseUrl + "/account/login");
        Assert.Equal("auto", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('button[type=submit]')).pointerEvents"));
        await page.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
        await page.WaitForSelectorAsync("text=Welcome");

        // Without Blazor's script the circuit never connects: the prerendered page stays as it arrived.
        await page.RouteAsync("**/_framework/blazor.web*.js", route => route.AbortAsync());
        await page.GotoAsync(server.BaseUrl + "/meetings");
        Assert.Equal("none", await page.EvaluateAsync<string>(SignOutButtonEvents));
        Assert.NotEqual("none", await page.EvaluateAsync<string>(ConnectingBar));
        await page.ScreenshotAsync(new PageScreenshotOptions
            { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "connecting.png"), Clip = new() { X = 0, Y = 0, Width = 900, Height = 220 } });

        await page.UnrouteAllAsync();
        await page.GotoInteractiveAsync(server.BaseUrl + "/meetings");
        Assert.Equal("auto", await page.EvaluateAsync<string>(SignOutButtonEvents));
        Assert.Equal("none", await page.EvaluateAsync<string>(ConnectingBar));
    }

    [Fact]
    public async Task The_circuit_starts_without_first_asking_the_server_for_script_initializers()
    {
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
        var requested = new List<string>();
        page.Request += (_, request) => { lock (requested) requested.Add(new Uri(request.Url).AbsolutePath); };

        await page.GotoInteractiveAsync(server.BaseUrl + "/meetings");

        lock (requested)
        {
            Assert.Contains("/_blazor/negotiate", requested);
            Assert.DoesNotContain("/_blazor/initializers", requested);
        }
    }
}
