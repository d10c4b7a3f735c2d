using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.InformationSharing;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>The information-sharing agreement and need-to-know tiers in the browser, on a server of its own.</summary>
[Trait("Category", "Browser")]
public class InformationSharingBrowserTests
{
    [Fact]
    public async Task A_member_acknowledges_the_agreement_then_sees_the_case_list_with_victim_details_withheld()
    {
        await OwnServer.WithBrowserAsync(async (server, browser) =>
        {
            var meetingId = await server.ReadAsync(db => db.Meetings.Where(m => m.Status == MeetingStatus.Circulated).Select(m => m.Id).SingleAsync());
            var victim = await server.ReadAsync(db => db.VictimSurvivors
                .Where(v => db.AgendaItems.Any(i => i.MeetingId == meetingId && i.CaseId == v.CaseId)).Select(v => v.FullName).FirstAsync());

            // The demo's health member has not yet acknowledged version 1.
            var health = await browser.NewPageAsync();
            await health.SignInAsync(server.BaseUrl, DemoPanel.NotYetAgreedEmail, DemoLogins.Password);
            await health.WaitForSelectorAsync("text=Welcome");
            await health.GotoInteractiveAsync($"{server.BaseUrl}/meetings/{meetingId}/case-list");
            var gate = health.GetByTestId("agreement-gate");
            await gate.Locator("text=version 1").First.WaitForAsync();
            Assert.Equal(0, await health.Locator("tr.case-list-entry").CountAsync());
            Assert.DoesNotContain(victim, await health.ContentAsync());
            await health.ScreenshotAsync("agreement-gate");

            await health.Locator("[data-testid=agreement-gate][data-interactive=true]").WaitForAsync();
            await health.GetByTestId("acknowledge-agreement").ClickAsync();
            await health.Locator("tr.case-list-entry").First.WaitForAsync();
            Assert.True(await health.GetByTestId("withheld").CountAsync() >= 2);
            Assert.Contains(NeedToKnow.WithheldMarker, await health.InnerTextAsync("tr.case-list-entry >> nth=0"));
            Assert.DoesNotContain(victim, await health.ContentAsync());
            await health.ScreenshotAsync("case-list-withheld");
            var recorded = await server.ReadAsync(db => db.AgreementAcknowledgements
                .AnyAsync(a => a.AgreementNumber == 1 && db.People.Any(p => p.Id == a.PersonId && p.Email == DemoPanel.NotYetAgreedEmail)));
            Assert.True(recorded);

            // An agency in the victims' safety plan sees the names on the same list.
            var idva = await browser.NewPageAsync();
            await idva.SignInAsync(server.BaseUrl, "idva@dappanel.example", DemoLogins.Password);
            await idva.WaitForSelectorAsync("text=Welcome");
            await idva.GotoInteractiveAsync($"{server.BaseUrl}/meetings/{meetingId}/case-list");
            await idva.Locator("tr.case-list-entry").First.WaitForAsync();
            Assert.Contains(victim, await idva.InnerTextAsync("table"));
            Assert.Equal(0, await idva.GetByTestId("withheld").CountAsync());
            await idva.ScreenshotAsync("case-list-victim-tier");
        });
    }

    [Fact]
    public async Task A_members_home_page_keeps_their_agencys_actions_back_until_they_acknowledge_the_agreement()
    {
        await OwnServer.WithBrowserAsync(async (server, browser) =>
        {
            // An action for the agency of the demo's health member, who has not yet acknowledged version 1.
            const string Description = "Share the GP's record of the last three consultations.";
            var agencyId = await server.ReadAsync(async db =>
            {
                var person = await db.People.SingleAsync(p => p.Email == DemoPanel.NotYetAgreedEmail);
                var item = await db.AgendaItems.Where(i => i.Meeting!.Status == MeetingStatus.Closed).OrderBy(i => i.Id).FirstAsync();
                db.Actions.Add(new PanelAction
                {
                    CaseId = item.CaseId, AgendaItemId = item.Id, Description = Description, OwnerAgencyId = person.AgencyId,
                    DueOn = PanelTime.Today(TimeProvider.System).AddDays(7),
                });
                await db.SaveChangesAsync();
                return person.AgencyId;
            });
            var member = await server.DemoAsync(DemoPanel.NotYetAgreedEmail, Role.AgencyMember);
            var home = server.Services.GetRequiredService<DapPanel.Core.Home.IHomeQueries>();
            var before = await home.GetAsync(member);
            Assert.Empty(before.OpenActions);
            Assert.Single(before.PanelsAwaitingAgreement);

            var page = await browser.NewPageAsync();
            await page.SignInAsync(server.BaseUrl, DemoPanel.NotYetAgreedEmail, DemoLogins.Password);
            await page.WaitForSelectorAsync("text=Welcome");
            await page.WaitForInteractiveAsync();
            await page.GetByTestId("actions-awaiting-agreement").WaitForAsync();
            Assert.DoesNotContain(Description, await page.ContentAsync());
            var axe = new AxeCheck();
            await axe.LookAsync(page, "home-actions-awaiting-agreement");
            axe.AssertNone();

            await page.Locator("[data-testid=agreement-gate][data-interactive=true]").WaitForAsync();
            await page.GetByTestId("acknowledge-agreement").ClickAsync();
            await page.Locator(".agency-actions", new() { HasText = Description }).WaitForAsync();
            Assert.Equal(0, await page.GetByTestId("actions-awaiting-agreement").CountAsync());
            Assert.NotEmpty((await home.GetAsync(member)).OpenActions);
        });
    }

    [Fact]
    public async Task The_live_case_card_withholds_victim_details_from_housing_and_an_administrator_manages_the_agreement()
    {
        await OwnServer.WithBrowserAsync(async (server, browser) =>
        {
            var meeting = await server.CreateAsync(2, caseFor: i => new CaseBuilder().Named($"Card Perpetrator {i}").WithVictim($"Odile Farthingale{i}").Build());
            var flow = server.Services.GetRequiredService<IMeetingFlow>();
            await flow.StartAsync(await server.DemoAsync("chair@dappanel.example", Role.Chair), Guid.NewGuid(), meeting.Id);

            var housing = await browser.NewPageAsync();
            await housing.SignInAsync(server.BaseUrl, "housing@dappanel.example", DemoLogins.Password);
            await housing.WaitForSelectorAsync("text=Welcome");
            await housing.OpenLiveRoomAsync(server.BaseUrl, meeting.Id);
            var card = housing.GetByTestId("live-victims");
            await card.GetByTestId("withheld").WaitForAsync();
            Assert.DoesNotContain("Farthingale", await housing.ContentAsync());
            await housing.ScreenshotAsync("live-room-victims-withheld");

            var chair = await browser.NewPageAsync(1920, 1080);
            await chair.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
            await chair.WaitForSelectorAsync("text=Welcome");
            await chair.OpenLiveRoomAsync(server.BaseUrl, meeting.Id);
            // The chair's screen is the room's big screen: names only when the chair asks for them.
            await chair.GetByTestId("live-victims").Locator("text=Names are kept off the shared screen").WaitForAsync();
            Assert.DoesNotContain("Farthingale", await chair.InnerTextAsync(".live-room"));
            await chair.ScreenshotAsync("live-room-chair-names-kept-back");
            await chair.GetByTestId("show-victim-names").ClickAsync();
            await chair.GetByTestId("live-victims").Locator("text=Odile Farthingale0").WaitForAsync();

            var admin = await browser.NewPageAsync();
            await admin.SignInAsync(server.BaseUrl, "admin@dappanel.example", DemoLogins.Password);
            await admin.WaitForSelectorAsync("text=Welcome");
            await admin.GotoInteractiveAsync($"{server.BaseUrl}/information-sharing/settings");
            await admin.GetByTestId("agreement-version").Locator("text=Version 1").WaitForAsync();
            await admin.Locator("tr.victim-tier-agency[data-agency='Housing Needs']", new() { HasText = "No — withheld (default)" }).WaitForAsync();
            await admin.Locator("text=Not yet").First.WaitForAsync();
            await admin.ScreenshotAsync("information-sharing-settings");

            await admin.GetByRole(AriaRole.Button, new() { Name = "Share victim details with Housing Needs" }).ClickAsync();
            await admin.Locator("tr.victim-tier-agency[data-agency='Housing Needs']", new() { HasText = "Yes (panel's choice)" }).WaitForAsync();
            await admin.GetByTestId("publish-agreement").ClickAsync();
            // Publishing asks first, and says every member must acknowledge again.
            await admin.Locator(".mud-dialog", new() { HasText = "must read and acknowledge version 2" }).WaitForAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "Publish version 2" }).ClickAsync();
            await admin.GetByTestId("agreement-version").Locator("text=Version 2").WaitForAsync();

            // Housing now sees victim details, once it has acknowledged version 2.
            await housing.GotoAsync($"{server.BaseUrl}/meetings/{meeting.Id}/live");
            await housing.GetByTestId("agreement-gate").Locator("text=version 2").First.WaitForAsync();
            await housing.Locator("[data-testid=agreement-gate][data-interactive=true]").WaitForAsync();
            await housing.GetByTestId("acknowledge-agreement").ClickAsync();
            await housing.GetByTestId("live-victims").Locator("text=Odile Farthingale0").WaitForAsync();
        });
    }
}
