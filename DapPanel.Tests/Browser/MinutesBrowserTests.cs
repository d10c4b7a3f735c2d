using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Tests.Minutes;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.Browser;

/// <summary>The chair reads the whole minutes on the page and finalises them; on a server of its own, as it finalises.</summary>
[Trait("Category", "Browser")]
public class MinutesBrowserTests
{
    [Fact]
    public async Task The_chair_reads_the_minutes_as_printed_and_finalises_after_confirming_version_and_recipients()
    {
        await OwnServer.WithBrowserAsync(async (server, browser) =>
        {
            var meeting = (await DemoMeetings.ClosedAsync(server))[^1];
            var axe = new AxeCheck();
            var page = await browser.NewPageAsync(1366, 900);
            await page.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
            await page.WaitForSelectorAsync("text=Welcome");

            await page.GotoInteractiveAsync($"{server.BaseUrl}/meetings/{meeting.Id}/minutes");
            await page.Locator(".minutes-unsaved").WaitForAsync();
            Assert.Equal(meeting.ItemCount, await page.Locator("section.minutes-item").CountAsync());
            Assert.True(await page.Locator(".minutes-attendance tbody tr").CountAsync() > 0);
            Assert.True(await page.Locator(".minutes-levers").CountAsync() > 0);
            Assert.True(await page.Locator(".minutes-decision").CountAsync() > 0);
            Assert.Contains("confidentiality statement", await page.InnerTextAsync(".minutes-confidentiality"));
            // As in the PDF, a case reference or a date is never broken over lines ("DAPP-26-" / "036").
            var broken = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('.minutes-form td')]
                    .filter(td => /^(DAPP-\d+-\d+|\d{1,2} [A-Z][a-z]{2} \d{4})$/.test(td.innerText.trim()))
                    .filter(td => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size > 1; })
                    .map(td => td.innerText)
                """);
            Assert.True(await page.Locator(".minutes-form td:has-text('DAPP-')").CountAsync() > 0, "No case reference was checked");
            Assert.Empty(broken);
            await axe.LookAsync(page, "minutes-review-1366");
            Assert.Equal(0, await server.ReadAsync(db => db.MinutesVersions.CountAsync(v => v.MeetingId == meeting.Id)));
            // Prerendered and then interactive, the page is opened (and audited) once.
            Assert.Equal(1, await server.ReadAsync(db => db.AuditEvents.CountAsync(e => e.MeetingId == meeting.Id
                && e.Action == AuditAction.ViewedCaseDetail && e.Summary.StartsWith("Opened the minutes to review"))));

            await page.GetByLabel("General notes").FillAsync("Read and agreed at the next panel.");
            await page.ClickAsync("button:has-text('Finalise the minutes')");
            var dialog = page.Locator(".mud-dialog");
            await dialog.WaitForAsync();
            var question = await dialog.InnerTextAsync();
            Assert.Contains("Finalise version 1 of the minutes?", question);
            Assert.Contains("the chairs (", question);
            Assert.Contains("action list", question);
            await axe.LookAsync(page, "minutes-finalise-confirm-1366");
            await dialog.Locator("button:has-text('Keep editing')").ClickAsync();
            await dialog.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
            Assert.Equal(0, await server.ReadAsync(db => db.MinutesVersions.CountAsync(v => v.MeetingId == meeting.Id)));

            await page.ClickAsync("button:has-text('Finalise the minutes')");
            await dialog.Locator("button:has-text('Finalise version 1')").ClickAsync();
            await page.WaitForSelectorAsync("text=Version 1 of the minutes is final and locked.");
            var final = await server.ReadAsync(db => db.MinutesVersions.SingleAsync(v => v.MeetingId == meeting.Id));
            Assert.Equal((MinutesStatus.Final, "Read and agreed at the next panel."), (final.Status, final.GeneralNotes));

            var phone = await browser.NewPageAsync(390, 844);
            await phone.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
            await phone.WaitForSelectorAsync("text=Welcome");
            await phone.GotoInteractiveAsync($"{server.BaseUrl}/meetings/{meeting.Id}/minutes");
            await phone.WaitForSelectorAsync("text=These minutes are final and locked.");
            var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, "The minutes page scrolls sideways on a phone");
            await axe.LookAsync(phone, "minutes-final-390");
            axe.AssertNone();
        });
    }
}
