using System.Text.RegularExpressions;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Tests.Security.Matrix;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DapPanel.Tests.Browser;

/// <summary>
/// Every page of the app, as each demo persona, at a phone, a laptop and a big screen: one h1, nothing wider than
/// the screen, a refusal that says why and offers the way on, and a Home that offers nothing the person would be
/// refused. The pages come from the authorization matrix's rules, so a new page is swept as soon as it has one.
/// One browser; each persona's page is loaded once and resized, not reloaded per size.
/// </summary>
[Collection(PageSweepServerCollection.Name)]
[Trait("Category", "Browser")]
[Trait("Category", "Slow")]
public partial class PageSweepBrowserTests(TestServer server, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    static readonly (int Width, int Height)[] Screens = [(1366, 768), (390, 844), (1920, 1080)];

    /// <summary>The live room has its own layouts and tests (LiveMeetingBrowserTests).</summary>
    static readonly string[] NotSwept = ["/meetings/{MeetingId:guid}/live"];

    static readonly Persona[] Swept =
    [
        Persona.Administrator, Persona.Chair, Persona.Manager, Persona.PanelMember, Persona.VictimSafetyMember,
        Persona.CaseManager, Persona.Unacknowledged,
    ];

    static readonly Persona[] PastMeetingSwept = [Persona.Chair, Persona.Manager, Persona.CaseManager, Persona.Unacknowledged];

    public static TheoryData<Persona> People() => new(Swept);

    /// <summary>The upcoming meeting's pages, then the same pages for the latest past meeting.</summary>
    public static TheoryData<Persona, bool> PeopleAndMeetings()
    {
        var data = new TheoryData<Persona, bool>();
        foreach (var persona in Swept) data.Add(persona, false);
        // A closed meeting's pages differ by what the person may do, not by which agency they are from.
        foreach (var persona in PastMeetingSwept) data.Add(persona, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(PeopleAndMeetings))]
    public async Task Every_page_has_one_heading_fits_the_screen_and_refuses_with_a_way_on(Persona persona, bool pastMeeting)
    {
        var ids = await IdsAsync();
        var page = await SignedInAsync(persona);
        var problems = new List<string>();
        var templates = AccessRules.Pages.Keys.Except(NotSwept)
            .Where(t => t.Contains("{MeetingId") == pastMeeting || (!pastMeeting && !t.Contains("{MeetingId")));
        try
        {
            foreach (var template in templates)
            {
                var path = RouteParameter().Replace(template, m => m.Groups[1].Value switch
                {
                    "MeetingId" => (pastMeeting ? ids.Past : ids.Upcoming).ToString(),
                    // Intake is recorded for accepted cases only; the upcoming meeting's first case is a new referral.
                    "CaseId" => (template.EndsWith("/intake") ? ids.AcceptedCase : ids.Case).ToString(),
                    "AgendaItemId" => ids.ReviewItem.ToString(),
                    "PanelId" => ids.Panel.ToString(),
                    var name => throw new InvalidOperationException(name),
                });
                await page.SetViewportSizeAsync(Screens[0].Width, Screens[0].Height);
                await OpenAsync(page, server.BaseUrl + path);
                var allowed = AccessRules.PageRule(template, pastMeeting ? MeetingState.Closed : MeetingState.Upcoming).Contains(persona);
                var refused = await page.GetByTestId("refusal").CountAsync() > 0;
                // The agreement is itself the way on for someone who has not acknowledged it.
                var gated = await page.GetByTestId("agreement-gate").CountAsync() > 0;
                if (!allowed && !refused && !gated && IsAppPage(template))
                    problems.Add($"{path}: refused without the refusal notice");
                // Home sends someone who has not acknowledged the agreement to it; the access-denied page is a refusal.
                if (allowed && (refused || (gated && template != "/")) && template != "/account/access-denied")
                    problems.Add($"{path}: refused ({(refused ? await page.GetByTestId("refusal").InnerTextAsync() : "the agreement")})");
                if (refused && await page.GetByTestId("refusal").Locator("a[href]").CountAsync() == 0)
                    problems.Add($"{path}: the refusal offers no way on");
                // Refusals are one component: laid out at every size for the persona refused the most, not for all.
                if (!allowed && persona != Persona.Manager)
                {
                    if (await page.Locator("h1").CountAsync() is var refusedHeadings and not 1)
                        problems.Add($"{path}: {refusedHeadings} h1 headings");
                    continue;
                }
                foreach (var (width, height) in Screens)
                {
                    await page.SetViewportSizeAsync(width, height);
                    await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
                    // The content slides into the space the menu leaves (a CSS transition): measure where it comes to rest.
                    await page.WaitForFunctionAsync(TransitionsFinished);
                    var headings = await page.Locator("h1").CountAsync();
                    if (headings != 1) problems.Add($"{path} at {width}: {headings} h1 headings");
                    var overflow = await page.EvaluateAsync<int>(Overflow);
                    if (overflow > 0) problems.Add($"{path} at {width}: the page is {overflow} px wider than the screen");
                }
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, $"{persona}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(People))]
    public async Task Home_offers_nothing_the_person_would_be_refused(Persona persona)
    {
        var page = await SignedInAsync(persona);
        var problems = new List<string>();
        try
        {
            await OpenAsync(page, server.BaseUrl + "/");
            var links = (await page.Locator(".mud-main-content a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.href)"))
                .Where(h => h.StartsWith(server.BaseUrl)).Distinct().ToList();
            if (persona == Persona.Unacknowledged)
                Assert.True(await page.GetByTestId("agreement-gate").IsVisibleAsync(), "Home shows the agreement first.");
            else
                Assert.True(links.Count >= 2, $"Home offers {links.Count} links.");
            foreach (var href in links)
            {
                if (Regex.IsMatch(href, @"\.(pdf|csv)(\?|$)"))
                {
                    var response = await page.Context.APIRequest.GetAsync(href);
                    if (response.Status != 200) problems.Add($"{href}: {response.Status}");
                    continue;
                }
                await OpenAsync(page, href);
                if (await page.GetByTestId("refusal").CountAsync() > 0 || await page.GetByTestId("agreement-gate").CountAsync() > 0
                    || AccessRules.IsRefusal(await page.ContentAsync()) || page.Url.Contains("/account/"))
                    problems.Add($"{href}: refused");
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
        Assert.True(problems.Count == 0, $"{persona}:\n" + string.Join("\n", problems));
    }

    static bool IsAppPage(string template) => !template.StartsWith("/account/") && template is not ("/error" or "/not-found");

    const string TransitionsFinished =
        "() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')";

    /// <summary>How far the page, or its main content, reaches past the right edge of the screen.</summary>
    const string Overflow = """
        () => {
            const main = document.querySelector('.mud-main-content');
            const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
            return Math.max(page, main ? main.scrollWidth - main.clientWidth : 0);
        }
        """;

    async Task<IPage> SignedInAsync(Persona persona)
    {
        var page = await browser.NewPageAsync(Screens[0].Width, Screens[0].Height);
        await page.SignInAsync(server.BaseUrl, persona.Email()!, DemoLogins.Password);
        await page.WaitForURLAsync(u => !u.Contains("/account/login"), new() { Timeout = 30_000 });
        return page;
    }

    /// <summary>
    /// Opens a page as the server renders it first: the same headings, tables and refusals the connected page shows,
    /// without waiting for each page's circuit (which would make the sweep several times slower).
    /// </summary>
    static async Task OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => !document.querySelector('[aria-label=Loading]')", null, new() { Timeout = 30_000 });
    }

    async Task<(Guid Upcoming, Guid Past, Guid Case, Guid AcceptedCase, Guid ReviewItem, Guid Panel)> IdsAsync() => await server.ReadAsync(async db =>
    {
        var upcoming = await db.Meetings.Where(m => m.Status == MeetingStatus.Circulated).OrderBy(m => m.StartsAt).Select(m => m.Id).FirstAsync();
        var past = (await db.Meetings.Where(m => m.Status == MeetingStatus.Closed).Select(m => new { m.Id, m.StartsAt }).ToListAsync())
            .MaxBy(m => m.StartsAt)!.Id;
        var items = db.AgendaItems.Where(i => i.MeetingId == upcoming);
        // A review whose update has been written, so those who read updates have one to read.
        var reviews = items.Where(i => i.Kind == AgendaItemKind.Review);
        var review = await reviews.Where(i => db.ReviewUpdates.Any(u => u.AgendaItemId == i.Id)).Select(i => (Guid?)i.Id).FirstOrDefaultAsync()
            ?? await reviews.Select(i => i.Id).FirstAsync();
        var panel = await db.Meetings.Where(m => m.Id == upcoming).Select(m => m.PanelId).SingleAsync();
        var accepted = await items.Where(i => i.Case!.AcceptedOn != null).OrderBy(i => i.Order).Select(i => i.CaseId).FirstAsync();
        return (upcoming, past, await items.OrderBy(i => i.Order).Select(i => i.CaseId).FirstAsync(), accepted, review, panel);
    });

    [GeneratedRegex(@"\{(\w+)(:\w+)?\}")]
    private static partial Regex RouteParameter();
}
