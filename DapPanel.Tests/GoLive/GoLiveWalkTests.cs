using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace DapPanel.Tests.GoLive;

/// <summary>
/// A real panel goes live, in Production from an empty data folder over HTTPS: the setup address read from the log,
/// the first administrator with an authenticator (its code computed here), the panel, its agencies, its agreement, its
/// people and a 100-case caseload (one bad row shown, fixed and imported again), the first meeting, its agenda and its
/// circulation; the old setup address is refused afterwards.
/// </summary>
[Trait("Category", "Browser")]
public class GoLiveWalkTests
{
    const string AdminEmail = "jo.linnet@sutton.example";
    const string AdminPassword = "Sutton-go-live-2027";

    [Fact]
    public async Task A_panel_goes_live_from_an_empty_production_deployment()
    {
        var logs = new CapturedLogs();
        using var certificate = SelfSigned();
        var server = new TestServer
        {
            Configure = builder =>
            {
                builder.Environment.EnvironmentName = Environments.Production;
                builder.Logging.AddProvider(logs);
                // Production sends plain HTTP to HTTPS: the app serves HTTPS itself here, as behind no proxy.
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
            },
        };
        await server.InitializeAsync();
        await using var browser = await BrowserFixture.LaunchAsync();
        var files = Path.Combine(server.DataFolder, "to-import");
        Directory.CreateDirectory(files);
        try
        {
            var address = logs.Entries.Select(e => Regex.Match(e.Message, @"https://\S+/setup/first-administrator\?token=[A-Za-z0-9_-]+"))
                .FirstOrDefault(m => m.Success)?.Value ?? throw new Xunit.Sdk.XunitException("No setup address was logged.");
            Assert.StartsWith(server.BaseUrl, address);
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 1366, Height = 900 }, Locale = "en-GB", TimezoneId = "Europe/London",
                IgnoreHTTPSErrors = true,
            });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();

            // 1. The first administrator, then their authenticator.
            await page.GotoAsync(address);
            await page.FillAsync("#full-name", "Jo Linnet");
            await page.FillAsync("#job-title", "Panel coordinator");
            await page.FillAsync("#organisation", "Sutton Community Safety Partnership");
            await page.FillAsync("#email", AdminEmail);
            await page.FillAsync("#password", AdminPassword);
            await page.FillAsync("#confirm-password", AdminPassword);
            await page.ScreenshotAsync("golive-01-first-administrator");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/account/two-factor**", new() { WaitUntil = WaitUntilState.Commit });
            var key = await page.GetByTestId("shared-key").InnerTextAsync();
            await page.FillAsync("#code", Authenticator.Code(key));
            await page.ClickAsync("button[type=submit].account-button");
            await page.GetByTestId("recovery-codes").WaitForAsync();
            await page.ClickAsync("text=continue to DapPanel");

            // 2. The panel, its agencies, its agreement, one chair.
            await page.WaitForURLAsync("**/setup**", new() { WaitUntil = WaitUntilState.Commit });
            await page.WaitForInteractiveAsync();
            await page.FillAsync("#panel-name", "Sutton DAPP");
            await page.FillAsync("#panel-area", "London Borough of Sutton");
            await page.FillAsync("#panel-location", "Sutton Civic Centre, room 4");
            await page.FillAsync("#panel-link", "https://meet.example/sutton-dapp");
            await page.ScreenshotAsync("golive-02-panel");
            await page.ClickAsync("#save-panel");
            await page.Locator("#save-agencies").WaitForAsync();
            await page.ScreenshotAsync("golive-03-agencies");
            await page.ClickAsync("#save-agencies");
            await page.Locator("#publish-agreement").WaitForAsync();
            Assert.Contains("Sutton DAPP", await page.InputValueAsync("#agreement-text"));
            await page.ScreenshotAsync("golive-04-agreement");
            await page.ClickAsync("#publish-agreement");
            await page.Locator("#add-chair").WaitForAsync();
            await page.FillAsync("#chair-name", "DI Sam Kestrel");
            await page.FillAsync("#chair-email", "sam.kestrel@sutton-police.example");
            await page.FillAsync("#chair-job-title", "Detective Inspector");
            await page.ClickAsync("#chair-agency");
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Police" }).First.ClickAsync();
            await page.FillAsync("#chair-password", "Chair-first-2027x");
            await page.ClickAsync("#add-chair");
            await page.GetByTestId("chairs").GetByText("DI Sam Kestrel").WaitForAsync();
            await page.ScreenshotAsync("golive-05-chairs");
            await page.ClickAsync("#finish-setup");
            await page.GetByTestId("setup-done").WaitForAsync();

            // 3. People (the co-chair among them), then the caseload: one bad row shown, fixed, imported again.
            await page.GotoInteractiveAsync(server.BaseUrl + "/import");
            var agencies = await server.ReadAsync(db => db.Agencies.Select(a => a.Name).ToListAsync());
            var police = agencies.First(a => a.Contains("Police"));
            var probation = agencies.First(a => a.Contains("Probation"));
            var people = Path.Combine(files, "people.csv");
            await File.WriteAllTextAsync(people, $"""
                Full name,Email,Job title,Agency,Role
                Morgan Wren,morgan.wren@sutton-fjc.example,Family Justice Centre manager,{police},Chair
                Chris Plover,chris.plover@probation.example,Senior probation officer,{probation},Agency member
                Ravi Osprey,ravi.osprey@provider.example,Case manager,{probation},Agency member
                """);
            await page.GetByTestId("people-file").SetInputFilesAsync(people);
            await page.Locator("[data-testid=people-save]:not([disabled])").WaitForAsync();
            await page.ClickAsync("[data-testid=people-save]");
            await page.GetByTestId("people-saved").WaitForAsync();

            var bad = Path.Combine(files, "caseload.csv");
            await File.WriteAllBytesAsync(bad, CaseloadFile.Csv(100, "SUT", (i, row) => { if (i == 41) row[7] = "last spring"; },
                caseManager: "ravi.osprey@provider.example"));
            await page.GetByTestId("caseload-file").SetInputFilesAsync(bad);
            var problemRow = page.Locator("[data-testid=import-row][data-outcome=Problem]", new() { HasText = "Referral date \"last spring\" is not a date" });
            await problemRow.WaitForAsync();
            Assert.Contains("43", await problemRow.InnerTextAsync());
            Assert.True(await page.GetByTestId("caseload-save").IsDisabledAsync());
            await page.ScreenshotAsync("golive-06-caseload-problem");
            Assert.Equal(0, await server.ReadAsync(db => db.Cases.CountAsync()));

            var fixedFile = Path.Combine(files, "caseload-fixed.csv");
            await File.WriteAllBytesAsync(fixedFile, CaseloadFile.Csv(100, "SUT", caseManager: "ravi.osprey@provider.example"));
            await page.GetByTestId("caseload-file").SetInputFilesAsync(fixedFile);
            await page.Locator("[data-testid=caseload-save]:not([disabled])", new() { HasText = "Save 100 rows" }).WaitForAsync();
            await page.ClickAsync("[data-testid=caseload-save]");
            await page.GetByTestId("caseload-saved").WaitForAsync();
            await page.ScreenshotAsync("golive-07-caseload-saved");
            Assert.Equal(100, await server.ReadAsync(db => db.Cases.CountAsync()));
            Assert.Equal(2, await server.ReadAsync(db => db.PanelChairs.CountAsync()));

            // 4. The first meeting, its agenda, its circulation.
            await page.GotoInteractiveAsync(server.BaseUrl + "/meetings/new");
            var day = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14));
            await page.FillAsync("#meeting-date", day.ToString("yyyy-MM-dd"));
            await page.FillAsync("#start-time", "10:00");
            Assert.Equal("Sutton Civic Centre, room 4", await page.InputValueAsync("#location"));
            await page.ClickAsync("#create-meeting");
            await page.WaitForURLAsync("**/agenda", new() { WaitUntil = WaitUntilState.Commit });
            foreach (var (reference, kind) in new[] { (CaseloadFile.Reference(0, "SUT"), "new referral"), (CaseloadFile.Reference(10, "SUT"), "new referral") })
            {
                await page.ClickAsync($"button[aria-label='Add {reference} as {kind}']");
                await page.Locator(".agenda-builder-item", new() { HasText = reference }).WaitForAsync();
            }
            await page.ScreenshotAsync("golive-08-agenda");
            await page.ClickAsync("#go-circulate");
            await page.WaitForSelectorAsync("#circulate");
            await page.ClickAsync("#circulate");
            await page.WaitForSelectorAsync(".circulated-at");
            await page.ScreenshotAsync("golive-09-circulated");
            Assert.Equal(MeetingStatus.Circulated, await server.ReadAsync(db => db.Meetings.Select(m => m.Status).SingleAsync()));

            // 5. The go-live checklist, and the setup address refused from now on.
            await page.GotoInteractiveAsync(server.BaseUrl + "/go-live");
            foreach (var done in new[] { "https", "two-factor", "agreement", "demo", "chairs" })
                Assert.Equal("Done", await page.GetByTestId($"go-live-{done}").GetAttributeAsync("data-state"));
            Assert.Equal("Missing", await page.GetByTestId("go-live-backup").GetAttributeAsync("data-state"));
            Assert.Contains("backup", await page.GetByTestId("go-live-backup").InnerTextAsync());
            await page.ScreenshotAsync("golive-10-checklist");
            // The new pages at a phone's width and a large screen's, to be looked at.
            var panelId = await server.ReadAsync(db => db.Panels.Select(p => p.Id).SingleAsync());
            foreach (var width in new[] { 390, 1920 })
            {
                await page.SetViewportSizeAsync(width, 900);
                foreach (var (path, name) in new[]
                         {
                             ("/go-live", "checklist"), ("/import", "import"), ("/admin/panels", "panels"),
                             ($"/admin/panels/{panelId}", "panel"), ($"/setup?panel={panelId}&step=done", "setup-done"),
                         })
                {
                    await page.GotoInteractiveAsync(server.BaseUrl + path);
                    await page.ScreenshotAsync($"golive-{name}-{width}");
                }
            }
            var stranger = await (await browser.Browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true })).NewPageAsync();
            await stranger.GotoAsync(address);
            Assert.Contains("already has an administrator", await stranger.GetByTestId("setup-refused").InnerTextAsync());
            Assert.Equal(0, await stranger.Locator("#full-name").CountAsync());
            await stranger.ScreenshotAsync("golive-11-setup-refused");
        }
        catch (Exception failure)
        {
            var errors = string.Join("\n", logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"));
            throw new Xunit.Sdk.XunitException($"{failure.Message}\n{await browser.DescribeScreensAsync("golive")}\nErrors logged:\n{errors}\n{failure}");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>A certificate for 127.0.0.1 that the test's browser is told to accept.</summary>
    static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
