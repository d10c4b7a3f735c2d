using System.Net;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>A demo server of its own: erasing a case changes what other tests rely on.</summary>
public sealed class RetentionDemoServer : IAsyncLifetime
{
    public TestServer Server { get; } = new();
    public Task InitializeAsync() => Server.InitializeAsync();
    public Task DisposeAsync() => Server.DisposeAsync();
}

[Trait("Category", "Browser")]
public sealed class AuditAndRetentionBrowserTests(RetentionDemoServer fixture) : IClassFixture<RetentionDemoServer>
{
    TestServer Server => fixture.Server;

    [Fact]
    public async Task An_administrator_erases_the_demo_case_past_retention_and_a_manager_finds_the_erasure_in_the_audit_log()
    {
        var old = await Server.ReadAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Perpetrator.FullName == "Gordon Elmwood"));
        var erased = Case.ErasedText(PanelTime.Today(TimeProvider.System));
        await using var browser = await BrowserFixture.LaunchAsync();
        var admin = await browser.NewPageAsync(1440, 900);
        await admin.SignInAsync(Server.BaseUrl, "admin@dappanel.example", DemoLogins.Password);
        await admin.WaitForSelectorAsync("text=Welcome");
        await admin.GotoInteractiveAsync($"{Server.BaseUrl}/retention");
        var row = admin.Locator($"tr[data-case='{old.Reference}']");
        await row.WaitForAsync();
        await admin.ScreenshotAsync("retention");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Erase {old.Reference}" }).ClickAsync();
        await row.GetByText($"Erase {old.Reference} for good?").WaitForAsync();
        await admin.ScreenshotAsync("retention-confirm");
        await row.GetByRole(AriaRole.Button, new() { Name = "Erase now" }).ClickAsync();
        await admin.GetByText("No closed case is past the retention period.").WaitForAsync();

        await admin.GotoInteractiveAsync($"{Server.BaseUrl}/cases");
        // The demo's history runs to pages of cases: find it as an administrator would.
        await admin.GetByLabel("Search cases").FillAsync(old.Reference);
        await admin.Locator("tr", new() { HasText = old.Reference }).GetByText(erased).WaitForAsync();
        Assert.Equal(0, await admin.GetByText("Gordon Elmwood").CountAsync());

        var manager = await browser.NewPageAsync(1440, 900);
        await manager.SignInAsync(Server.BaseUrl, "manager@dappanel.example", DemoLogins.Password);
        await manager.WaitForSelectorAsync("text=Welcome");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).WaitForAsync();
        Assert.Equal(0, await manager.GetByRole(AriaRole.Link, new() { Name = "Retention" }).CountAsync());
        await manager.GotoInteractiveAsync($"{Server.BaseUrl}/audit");
        await manager.Locator(".audit-table tbody tr").First.WaitForAsync();
        await manager.ScreenshotAsync("audit-log");
        await manager.FillAsync("#audit-case", old.Reference);
        await manager.ClickAsync("#audit-search");
        // The unfiltered page already shows the erasure: wait for the search's own result, its one entry.
        await manager.WaitForFunctionAsync("() => document.querySelectorAll('.audit-table tbody tr').length === 1");
        await manager.Locator(".audit-table tbody tr", new() { HasText = $"Erased case {old.Reference}" }).WaitForAsync();
        await manager.ScreenshotAsync("audit-log-case");

        await manager.FillAsync("#audit-case", "DAPP-00-000");
        await manager.ClickAsync("#audit-search");
        await manager.GetByText("No case has the reference \"DAPP-00-000\".").WaitForAsync();
    }

    [Fact]
    public async Task The_audit_csv_is_for_administrators_and_managers_only()
    {
        async Task<HttpResponseMessage> GetAsync(string email)
        {
            var cookies = await HttpSignIn.SignInAsync(Server.BaseUrl, email, DemoLogins.Password);
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
                { BaseAddress = new Uri(Server.BaseUrl) };
            return await client.GetAsync("/audit.csv?kind=SignIn");
        }

        var manager = await GetAsync("manager@dappanel.example");
        Assert.Equal(HttpStatusCode.OK, manager.StatusCode);
        var csv = (await manager.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.StartsWith("When (UK time),Kind,Who,Case,Meeting,What,Before,After", csv);
        Assert.Contains("Signed in as manager@dappanel.example", csv);

        foreach (var email in new[] { "chair@dappanel.example", "police@dappanel.example" })
        {
            var refused = await GetAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("Signed in as", await refused.Content.ReadAsStringAsync());
        }
    }
}
