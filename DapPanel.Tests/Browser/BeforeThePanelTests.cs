using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.Meetings;
using DapPanel.Core.Referrals;
using DapPanel.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>The whole run-up to a panel in the browser, on a server of its own so the demo data others read stays as it is.</summary>
[Trait("Category", "Browser")]
public class BeforeThePanelTests
{
    [Fact]
    public async Task An_administrator_builds_and_circulates_an_agenda_and_an_agency_answers_on_the_readiness_board()
    {
        await OwnServer.WithBrowserAsync(async (server, browser) =>
        {
            var admin = await server.DemoAsync("admin@dappanel.example", Role.Administrator);
            var referral = await server.Services.GetRequiredService<IReferralService>().SubmitAsync(admin, new ReferralInput
            {
                Source = ReferralSource.Marac, ReferrerName = "Ash Dunlin",
                ReferrerAgencyId = (await server.DemoAsync("idva@dappanel.example", Role.AgencyMember)).AgencyId,
                ReferredOn = PanelTime.Today(TimeProvider.System), PerpetratorName = "Callum Thorne",
                PerpetratorDateOfBirth = new DateOnly(1990, 2, 3), VictimSurvivors = [new VictimInput { FullName = "Rosa Wren" }],
                RiskLevel = RiskLevel.High, Summary = "Stalking after separation; breach of a non-molestation order.",
            });

            var page = await browser.NewPageAsync();
            await page.SignInAsync(server.BaseUrl, "admin@dappanel.example", DemoLogins.Password);
            await page.WaitForSelectorAsync("text=Welcome");
            await page.GotoInteractiveAsync(server.BaseUrl + "/referrals/new");
            await page.WaitForSelectorAsync("#save-referral");
            await page.ClickUntilAsync("#save-referral", ".problem-list");
            await page.ScreenshotAsync("referral-new-problems");

            await page.GotoInteractiveAsync(server.BaseUrl + "/meetings");
            await page.ClickAsync("#new-meeting");
            await page.WaitForSelectorAsync("#meeting-date");
            // The demo panel meets on Tuesdays: a Wednesday about ten days ahead is free whatever today is.
            var date = PanelTime.Today(TimeProvider.System).AddDays(10);
            while (date.DayOfWeek != DayOfWeek.Wednesday) date = date.AddDays(1);
            await page.FillAsync("#meeting-date", date.ToString("yyyy-MM-dd"));
            await page.FillAsync("#location", "Croydon Family Justice Centre, room 2");
            await page.FillAsync("#online-link", "https://meet.example/croydon-dapp");
            await page.ScreenshotAsync("meeting-new");
            await page.ClickAsync("#create-meeting");
            await page.WaitForURLAsync("**/agenda", new() { WaitUntil = WaitUntilState.Commit });
            var meetingPath = new Uri(page.Url).AbsolutePath.Replace("/agenda", "");

            await page.ClickAsync($"button[aria-label='Add {referral.Reference} as new referral']");
            await page.WaitForSelectorAsync(".agenda-builder-item");
            Assert.Contains(referral.Reference, await page.InnerTextAsync(".agenda-builder-item"));
            await page.ScreenshotAsync("agenda-builder");

            await page.ClickAsync("#go-circulate");
            await page.WaitForSelectorAsync("#circulate");
            await page.ScreenshotAsync("circulation-before");
            await page.ClickAsync("#circulate");
            await page.WaitForSelectorAsync(".circulated-at");
            await page.WaitForSelectorAsync("tr.notification");
            await page.ScreenshotAsync("circulation-after");
            Assert.True(Directory.GetFiles(Path.Combine(server.DataFolder, "mail-pickup"), "*.eml").Length >= 16);

            var police = await browser.NewPageAsync();
            await police.SignInAsync(server.BaseUrl, "police@dappanel.example", DemoLogins.Password);
            await police.WaitForSelectorAsync("text=Welcome");
            await police.GotoInteractiveAsync(server.BaseUrl + meetingPath + "/case-list");
            await police.WaitForSelectorAsync("tr.case-list-entry");
            Assert.Contains("Callum Thorne", await police.InnerTextAsync("tr.case-list-entry"));
            await police.ScreenshotAsync("case-list");
            await police.GotoInteractiveAsync(server.BaseUrl + meetingPath + "/research");
            await police.ClickAsync($"button[aria-label='Answer for {referral.Reference}']");
            await police.Locator(".research-answer").GetByText("Known to us").ClickAsync();
            await police.FillAsync("#contact-name", "PC Alex Swift");
            await police.FillAsync("#research-notes", "Two call-outs this year; bail conditions in place.");
            await police.ScreenshotAsync("research-answer");
            await police.ClickAsync("#save-answer");
            await police.WaitForSelectorAsync("tr.research-case >> text=Known to us");
            await police.ScreenshotAsync("research");

            await page.GotoInteractiveAsync(server.BaseUrl + meetingPath + "/readiness");
            await page.WaitForSelectorAsync(".readiness-board");
            Assert.Equal(1, await page.Locator("td.answer.known").CountAsync());
            await page.ScreenshotAsync("readiness");
            await page.ClickAsync("#send-reminders");
            await page.WaitForSelectorAsync("text=Reminders:");

            var upcoming = (await server.Services.GetRequiredService<IMeetingQueries>().ListAsync(admin))
                .First(m => m.Status == MeetingStatus.Circulated && m.ReviewCount > 0);
            var provider = await browser.NewPageAsync();
            await provider.SignInAsync(server.BaseUrl, "casemanager@dappanel.example", DemoLogins.Password);
            await provider.WaitForSelectorAsync("text=Welcome");
            await provider.GotoInteractiveAsync(server.BaseUrl + $"/meetings/{upcoming.Id}/review-updates");
            await provider.ClickAsync("tr.review-item >> text=Write");
            await provider.WaitForSelectorAsync("#save-update");
            await provider.GetByText("Direct contact made").ClickAsync();
            await provider.GetByText("Partially engaging").ClickAsync();
            await provider.Locator("select.severity-select").First.SelectOptionAsync("High");
            await provider.ClickAsync("#save-update");
            await provider.WaitForSelectorAsync(".review-update-summary");
            await provider.ScreenshotAsync("review-update");
        });
    }
}
