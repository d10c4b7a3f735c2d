using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.Browser;

/// <summary>An open page with nobody at it signs itself out after the idle time (a tenth of a minute here).</summary>
[Trait("Category", "Browser")]
public class IdleSignOutTests : IAsyncLifetime
{
    readonly TestServer server = new() { Configure = builder => builder.Configuration["Security:IdleTimeoutMinutes"] = "0.1" };

    public Task InitializeAsync() => server.InitializeAsync();
    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task An_open_page_left_alone_signs_out_and_says_why()
    {
        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(server.BaseUrl, "idva@dappanel.example", DemoLogins.Password);
        await page.WaitForInteractiveAsync();

        // The page's own sign-out and its circuit both go to the same address; whichever lands, it says why.
        await page.GetByText("signed out after a period without activity").WaitForAsync(new() { Timeout = 30_000 });
        Assert.EndsWith("/account/login?idle=true", page.Url);
        await page.ScreenshotAsync("idle-signed-out");
        var audit = await server.ReadAsync(db => db.AuditEvents.Where(e => e.Action == AuditAction.SignOut).ToListAsync());
        Assert.Contains(audit, e => e.ActorName == "Ash Dunlin" && e.Summary == "Signed out after the idle time");
    }
}
