using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace DapPanel.Tests.Rehearsal;

/// <summary>
/// A whole fortnightly panel, rehearsed in real browsers by everyone who takes part, each in their own browser:
/// the administrator prepares and circulates, agencies research and join, the chair runs the room, the minutes and
/// action lists come out, the actions come back at the next panel and the manager's figures move. Every main screen
/// is screenshotted and checked with axe. On a server of its own, so the demo data other tests read stays as it is.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Slow")]
public class PanelRehearsalTests
{
    const string Probation = "Probation Service — Croydon";
    const string ChildrensSocialCare = "Children's Social Care";
    const string Housing = "Housing Needs";
    const string MentalHealth = "Community Mental Health Team";

    sealed record Hearing(string Reference, string Name, string Kind, string Lever, string LeverBy, string Outcome,
        string Rationale, string Action, string Owner, string OwnerPerson);

    [Fact]
    public async Task A_whole_panel_is_prepared_heard_minuted_and_followed_up_by_everyone_in_their_own_browser()
    {
        // The server's warnings and errors go into the failure report: a circuit that failed says why.
        var logs = new CapturedLogs();
        // The meeting is booked for late today: the server's day starts at ten, whenever the suite runs.
        var server = new TestServer
        {
            Clock = new MorningClock(),
            Configure = builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Logging.AddFilter<CapturedLogs>(null, LogLevel.Warning);
            },
        };
        await server.InitializeAsync();
        var browser = await BrowserFixture.LaunchAsync();
        var axe = new AxeCheck();
        try
        {
            var today = PanelTime.Today(server.Clock);
            var karlYew = await ArrangeReferralsAndReviewsAsync(server, today);

            // 0. The manager looks at the figures before the panel.
            var manager = await SignedInAsync(browser, server, "manager@dappanel.example", 1600, 1000);
            var before = await InsightFiguresAsync(manager, server);

            // 1. The administrator records a repeat referral, creates the meeting, builds its agenda and circulates it.
            var admin = await SignedInAsync(browser, server, "admin@dappanel.example");
            await axe.LookAsync(admin, "rehearsal-01-home-admin");
            await admin.GotoInteractiveAsync(server.BaseUrl + "/referrals/new");
            var repeatReference = await RecordRepeatReferralAsync(admin, karlYew, today);
            await axe.LookAsync(admin, "rehearsal-02-referral-repeat");

            await admin.GotoInteractiveAsync(server.BaseUrl + "/meetings");
            await axe.LookAsync(admin, "rehearsal-03-meetings");
            await admin.ClickAsync("#new-meeting");
            await admin.WaitForSelectorAsync("#meeting-date");
            await admin.FillAsync("#meeting-date", today.ToString("yyyy-MM-dd"));
            // Late today: still ahead, so agencies can send apologies, and inside the manager's default period.
            await admin.FillAsync("#start-time", "23:55");
            await admin.FillAsync("#location", "Croydon Family Justice Centre, room 2");
            await admin.FillAsync("#online-link", "https://meet.example/croydon-dapp");
            await axe.LookAsync(admin, "rehearsal-04-meeting-new");
            await admin.ClickAsync("#create-meeting");
            await admin.WaitForURLAsync("**/agenda", new() { WaitUntil = WaitUntilState.Commit });
            var meetingPath = new Uri(admin.Url).AbsolutePath.Replace("/agenda", "");

            Hearing[] hearings =
            [
                new("DAPP-26-901", "Owen Thistle", "new referral", "Supervising officer can hold a licence review",
                    "probation", "Accept", "High risk to a pregnant partner; probation is a safe route in.",
                    "Arrange a joint home visit with the case manager", Probation, "Chris Plover"),
                new("DAPP-26-902", "Glen Bracken", "new referral", "Tenancy enforcement for the breach of the injunction",
                    "housing", "Not suitable", "Too dangerous to approach; police-led disruption through MARAC instead.",
                    "Flag the address for a MARAC safety plan", Housing, "Jamie Starling"),
                new("DAPP-26-903", "Reece Nettle", "new referral", "Child protection plan gives a route to the father",
                    "csc", "Accept", "Children on a protection plan; the social worker can introduce the case manager.",
                    "Share the child protection plan with the case manager", ChildrensSocialCare, "Dana Finch"),
                new(repeatReference, "Karl Yew", "new referral", "Licence conditions still apply from the last sentence",
                    "probation", "Accept", "A repeat referral within the year: the earlier closure was for disengagement.",
                    "Check the licence conditions against the new incident", Probation, "Chris Plover"),
                new("DAPP-26-904", "Carl Sorrel", "review", "Parenting programme place offered",
                    "csc", "Review at a later panel", "Engaging partly: bring back once the parenting programme has started.",
                    "Confirm the start date of the parenting programme", ChildrensSocialCare, "Dana Finch"),
                new("DAPP-26-905", "Joel Tansy", "review", "Move-on accommodation secured away from the victim-survivor",
                    "housing", "Close", "Interventions completed and the risk has come down; case manager and IDVA agree.",
                    "Tell the victim-survivor's IDVA that the case is closed", Housing, "Jamie Starling"),
            ];
            foreach (var h in hearings)
            {
                await admin.ClickAsync($"button[aria-label='Add {h.Reference} as {h.Kind}']");
                await admin.Locator(".agenda-builder-item", new() { HasText = h.Reference }).WaitForAsync();
            }
            Assert.Equal(hearings.Length, await admin.Locator(".agenda-builder-item").CountAsync());
            await axe.LookAsync(admin, "rehearsal-05-agenda-builder");

            await admin.ClickAsync("#go-circulate");
            await admin.WaitForSelectorAsync("#circulate");
            await axe.LookAsync(admin, "rehearsal-06-circulation");
            await admin.ClickAsync("#circulate");
            await admin.WaitForSelectorAsync(".circulated-at");
            await admin.WaitForSelectorAsync("tr.notification");
            await axe.LookAsync(admin, "rehearsal-07-circulated");
            await admin.Context.CloseAsync();

            // 2. Three agencies read the case list and answer research for their cases; mental health sends apologies.
            var agencies = new Dictionary<string, IPage>();
            foreach (var (who, email) in new[] { ("probation", "probation@dappanel.example"), ("csc", "csc@dappanel.example"), ("housing", "housing@dappanel.example") })
            {
                var page = await SignedInAsync(browser, server, email, 1366, 768);
                agencies[who] = page;
                await page.GotoInteractiveAsync(server.BaseUrl + meetingPath + "/case-list");
                await page.WaitForSelectorAsync("tr.case-list-entry");
                Assert.Equal(hearings.Length, await page.Locator("tr.case-list-entry").CountAsync());
                if (who == "probation")
                {
                    // Need to know: probation is not in the victims' safety plans, so their names are withheld from it.
                    Assert.Equal(hearings.Length, await page.Locator("tr.case-list-entry [data-testid=withheld]").CountAsync());
                    Assert.Equal(0, await page.GetByText("Victim of Owen Thistle").CountAsync());
                    await axe.LookAsync(page, "rehearsal-08-case-list");
                }
                await page.GotoInteractiveAsync(server.BaseUrl + meetingPath + "/research");
                foreach (var h in hearings.Where(h => h.LeverBy == who))
                {
                    await page.ClickAsync($"button[aria-label='Answer for {h.Reference}']");
                    await page.Locator(".research-answer").GetByText("Known to us").ClickAsync();
                    await page.FillAsync("#contact-name", "Duty manager");
                    await page.FillAsync("#research-notes", $"Known to us: open record for {h.Name}.");
                    if (who == "probation" && h == hearings[0]) await axe.LookAsync(page, "rehearsal-09-research-answer");
                    await page.ClickAsync("#save-answer");
                    await page.Locator("tr.research-case", new() { HasText = h.Reference }).Locator("text=Known to us").WaitForAsync();
                }
            }
            await axe.LookAsync(agencies["probation"], "rehearsal-10-research");

            var mentalHealth = await SignedInAsync(browser, server, "mentalhealth@dappanel.example", 1366, 768);
            var apologies = mentalHealth.GetByTestId("apologies");
            var thisMeeting = apologies.Locator(".apology-meeting").First;
            await thisMeeting.GetByRole(AriaRole.Button, new() { Name = "Send apologies" }).ClickAsync();
            await thisMeeting.GetByLabel("Note for the chair (optional)").FillAsync("Clinic clash; our records check is with the coordinator.");
            await thisMeeting.GetByRole(AriaRole.Button, new() { Name = "Send apologies" }).ClickAsync();
            await apologies.Locator(".apology-sent").First.WaitForAsync();
            await axe.LookAsync(mentalHealth, "rehearsal-11-home-apologies");
            await mentalHealth.Context.CloseAsync();

            // 3. The chair opens the room; the agencies join remotely; each case is heard.
            var chair = await SignedInAsync(browser, server, "chair@dappanel.example", 1920, 1080);
            await chair.GotoAsync(server.BaseUrl + meetingPath + "/live");
            await chair.Locator("[data-testid=confidentiality][data-interactive=true]").WaitForAsync();
            await axe.LookAsync(chair, "rehearsal-12-confidentiality");
            var meetingId = Guid.Parse(meetingPath.Split('/')[^1]);
            await chair.OpenLiveRoomAsync(server.BaseUrl, meetingId);
            await chair.GetByRole(AriaRole.Button, new() { Name = "Start the meeting" }).ClickAsync();
            await chair.Locator("[data-testid=meeting-status]", new() { HasText = "Live" }).WaitForAsync();
            foreach (var page in agencies.Values)
                await page.OpenLiveRoomAsync(server.BaseUrl, meetingId);
            foreach (var name in new[] { "Chris Plover", "Dana Finch", "Jamie Starling" })
                await chair.GetByTestId("presence").Locator(".presence-person", new() { HasText = name }).WaitForAsync();
            var attendance = chair.GetByTestId("attendance-panel");
            await attendance.Locator($"[data-agency='{Probation}'] li", new() { HasText = "Chris Plover: present remotely" }).WaitForAsync();
            await attendance.Locator($"[data-agency='{MentalHealth}'] li", new() { HasText = "pologies" }).WaitForAsync();
            await attendance.GetByRole(AriaRole.Button, new() { Name = "Confirm attendance" }).ClickAsync();

            var cochair = await SignedInAsync(browser, server, "cochair@dappanel.example", 1920, 1080);
            await cochair.OpenLiveRoomAsync(server.BaseUrl, meetingId);

            foreach (var (h, index) in hearings.Select((h, i) => (h, i)))
            {
                await chair.Locator("[data-testid=live-item] h2", new() { HasText = h.Reference }).WaitForAsync();
                if (h.Reference == repeatReference)
                    await chair.GetByTestId("repeat-referral").WaitForAsync();
                var agency = agencies[h.LeverBy];
                await agency.Locator("[data-testid=live-item] h2", new() { HasText = h.Reference }).WaitForAsync();
                await agency.GetByRole(AriaRole.Button, new() { Name = "Offer a lever" }).ClickAsync();
                await agency.Locator("[data-testid=lever-form] textarea").First.FillAsync(h.Lever);
                await agency.GetByRole(AriaRole.Button, new() { Name = "Offer lever" }).ClickAsync();
                await chair.GetByTestId("lever").Filter(new() { HasText = h.Lever }).WaitForAsync();

                await RecordDecisionAsync(chair, h, today);
                await agency.GetByTestId("decision-rationale").Filter(new() { HasText = h.Rationale }).WaitForAsync();

                await chair.GetByRole(AriaRole.Button, new() { Name = "Agree an action" }).ClickAsync();
                var form = chair.GetByTestId("action-form");
                await form.Locator("textarea").First.FillAsync(h.Action);
                await form.GetByLabel("Owner agency").SelectOptionAsync(new SelectOptionValue { Label = h.Owner });
                await form.GetByLabel("Owner (optional)").SelectOptionAsync(new SelectOptionValue { Label = h.OwnerPerson });
                await form.GetByLabel("Due").FillAsync(today.AddDays(14 + index).ToString("yyyy-MM-dd"));
                await form.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
                await agency.GetByTestId("action").Filter(new() { HasText = h.Action }).WaitForAsync();

                if (index == 0)
                {
                    await axe.LookAsync(chair, "rehearsal-13-live-room-chair");
                    await axe.LookAsync(agency, "rehearsal-14-live-room-attendee");
                }
                if (h.Name == "Karl Yew")
                    await DecisionChangedByTwoChairsAtOnceAsync(chair, cochair, h, today);
                if (index < hearings.Length - 1)
                    await chair.GetByRole(AriaRole.Button, new() { Name = "Next item" }).ClickAsync();
            }
            await cochair.Context.CloseAsync();

            await chair.GetByRole(AriaRole.Button, new() { Name = "Close the meeting" }).ClickAsync();
            await chair.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Close the meeting" }).ClickAsync();
            await chair.Locator("[data-testid=meeting-status]", new() { HasText = "Closed" }).WaitForAsync();
            await agencies["probation"].Locator("[data-testid=meeting-status]", new() { HasText = "Closed" }).WaitForAsync();

            // 4. The chair reviews and finalises the minutes; the minutes and each agency's actions are downloaded.
            await chair.GotoInteractiveAsync(server.BaseUrl + meetingPath + "/minutes");
            await chair.GetByText("The confidentiality statement was read and acknowledged").ClickAsync();
            await axe.LookAsync(chair, "rehearsal-15-minutes-draft");
            await chair.GetByRole(AriaRole.Button, new() { Name = "Finalise the minutes" }).ClickAsync();
            await chair.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Finalise version 1" }).ClickAsync();
            await chair.GetByText("Version 1 of the minutes is final and locked.").WaitForAsync();
            await chair.GotoInteractiveAsync(server.BaseUrl + meetingPath);
            await axe.LookAsync(chair, "rehearsal-16-meeting-closed");
            var minutes = PdfText.Read(await DownloadAsync(chair, "Minutes (PDF)", "rehearsal-minutes"));
            AssertMarkedOnEveryPage(minutes);
            foreach (var name in new[] { "Chris Plover", "Dana Finch", "Jamie Starling" })
                Assert.True(minutes.Contains(name), $"The minutes should list {name} as present.");
            Assert.True(minutes.Contains("Apologies", gap: 8), "The minutes should record mental health's apologies.");
            foreach (var h in hearings)
            {
                Assert.True(minutes.Contains(h.Reference), $"The minutes should hold {h.Reference}.");
                Assert.True(minutes.Contains(h.Action, gap: 12), $"The minutes should hold the action \"{h.Action}\".");
            }
            foreach (var outcome in new[] { "Not suitable", "Interventions completed" })
                Assert.True(minutes.Contains(outcome, gap: 4), $"The minutes should record \"{outcome}\".");

            foreach (var (who, page) in agencies)
            {
                await page.GotoInteractiveAsync(server.BaseUrl + meetingPath);
                var list = PdfText.Read(await DownloadAsync(page, "My agency's actions (PDF)", $"rehearsal-actions-{who}"));
                AssertMarkedOnEveryPage(list);
                foreach (var h in hearings)
                {
                    var own = h.LeverBy == who;
                    Assert.True(own == list.Contains(h.Action, gap: 12),
                        $"{who}'s action list {(own ? "should" : "should not")} hold \"{h.Action}\".");
                }
            }
            await axe.LookAsync(agencies["probation"], "rehearsal-17-meeting-closed-agency");

            // 5. At the next meeting the open actions come back.
            var next = await server.ReadAsync(db => db.Meetings.Where(m => m.Status == MeetingStatus.Circulated)
                .OrderBy(m => m.StartsAt).Select(m => m.Id).FirstAsync());
            await chair.GotoInteractiveAsync($"{server.BaseUrl}/meetings/{next}");
            var comingBack = chair.Locator(".actions-coming-back");
            await comingBack.WaitForAsync();
            foreach (var h in hearings)
                await comingBack.Locator("tr.coming-back-action", new() { HasText = h.Action }).WaitForAsync();
            await axe.LookAsync(chair, "rehearsal-18-next-meeting-actions-coming-back");

            // The chair can open a case the panel heard, with its decision and actions.
            await chair.GotoInteractiveAsync(server.BaseUrl + "/cases");
            await axe.LookAsync(chair, "rehearsal-19-cases");
            await chair.Locator("a", new() { HasText = hearings[0].Reference }).First.ClickAsync();
            await chair.GetByText(hearings[0].Action).First.WaitForAsync();
            await axe.LookAsync(chair, "rehearsal-20-case-detail");

            // 6. The manager's figures have moved by what this panel did.
            var after = await InsightFiguresAsync(manager, server);
            await axe.LookAsync(manager, "rehearsal-21-insight");
            Assert.Equal(before.CasesHeard + hearings.Length, after.CasesHeard);
            Assert.Equal(before.ProbationAttended + 1, after.ProbationAttended);
            Assert.Equal(before.MentalHealthEligible + 1, after.MentalHealthEligible);
            Assert.Equal(before.MentalHealthAttended, after.MentalHealthAttended);

            axe.AssertNone();
        }
        catch (Exception failure)
        {
            var onScreen = await browser.DescribeScreensAsync("rehearsal");
            var logged = logs.Entries.TakeLast(10).Select(e => $"{e.Level} {e.Category}: {e.Message.Split('\n')[0]}");
            throw new Xunit.Sdk.XunitException($"{failure.Message}\n{onScreen}\n"
                + $"Server warnings and errors (last 10):\n{string.Join("\n", logged)}\n"
                + $"axe so far:\n{string.Join("\n", axe.Problems)}\n{failure}");
        }
        finally
        {
            await browser.DisposeAsync();
            await server.DisposeAsync();
        }
    }

    /// <summary>
    /// What has arrived since the last panel, before the rehearsal starts: three new referrals and two open cases due
    /// for review (one open long enough to close). Returns the demo's closed case that the repeat referral repeats.
    /// </summary>
    static async Task<Case> ArrangeReferralsAndReviewsAsync(TestServer server, DateOnly today)
    {
        return await server.ReadAsync(async db =>
        {
            db.Cases.AddRange(
                Referral("DAPP-26-901", "Owen Thistle", today.AddDays(-6)),
                Referral("DAPP-26-902", "Glen Bracken", today.AddDays(-5)),
                Referral("DAPP-26-903", "Reece Nettle", today.AddDays(-4)),
                OpenCase("DAPP-26-904", "Carl Sorrel", today.AddMonths(-2), today),
                OpenCase("DAPP-26-905", "Joel Tansy", today.AddMonths(-4), today));
            var panelId = await db.Panels.Select(p => p.Id).SingleAsync();
            foreach (var added in db.ChangeTracker.Entries<Case>()) added.Entity.PanelId = panelId;
            await db.SaveChangesAsync();
            return await db.Cases.SingleAsync(c => c.Perpetrator.FullName == "Karl Yew");
        });

        static Case Referral(string reference, string name, DateOnly referredOn)
        {
            var c = new CaseBuilder().WithReference(reference).Named(name).WithVictim("Victim of " + name).Build();
            c.ReferredOn = referredOn;
            c.RiskLevel = RiskLevel.High;
            return c;
        }

        static Case OpenCase(string reference, string name, DateOnly acceptedOn, DateOnly reviewOn)
        {
            var c = new CaseBuilder().WithReference(reference).Named(name).WithVictim("Victim of " + name).AcceptedOn(acceptedOn).Build();
            c.ReferredOn = acceptedOn.AddDays(-9);
            c.ScheduleReview(reviewOn);
            return c;
        }
    }

    static async Task<string> RecordRepeatReferralAsync(IPage admin, Case earlier, DateOnly today)
    {
        await admin.Locator("#source-Police").ClickAsync();
        await admin.FillAsync("#referred-on", today.ToString("yyyy-MM-dd"));
        await admin.FillAsync("#referrer-name", "PC Alex Swift");
        await admin.Locator(".mud-select", new() { Has = admin.Locator("#referrer-agency") }).First.ClickAsync();
        await admin.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Police" }).First.ClickAsync();
        await admin.FillAsync("#perpetrator-name", earlier.Perpetrator.FullName);
        await admin.FillAsync("#perpetrator-dob", earlier.Perpetrator.DateOfBirth.ToString("yyyy-MM-dd"));
        await admin.Locator("#risk-High").ClickAsync();
        await admin.FillAsync("#summary", "New call-out to a new partner's address; threats made in front of her son.");
        await admin.FillAsync("#victim-0-name", "Tara Speedwell");
        await admin.ClickAsync("#save-referral");
        // Whatever the first press shows (the earlier case, a problem with the form, or a save) says what happened.
        await admin.Locator(".linked-cases, .problem-list, .referral-saved").First.WaitForAsync();
        await admin.GetByText("Repeat referral: saving links it").WaitForAsync(new() { Timeout = 1000 });
        await admin.ClickAsync("#save-referral");
        var saved = admin.Locator(".referral-saved");
        await saved.WaitForAsync();
        Assert.Contains("a repeat referral linked to " + earlier.Reference, await saved.InnerTextAsync());
        return await saved.Locator("strong").InnerTextAsync();
    }

    static async Task RecordDecisionAsync(IPage chair, Hearing h, DateOnly today)
    {
        var form = chair.GetByTestId("decision-form");
        await form.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = h.Outcome });
        if (h.Outcome == "Close")
            await form.GetByLabel("Closure reason").SelectOptionAsync(new SelectOptionValue { Label = "Interventions completed" });
        if (h.Outcome == "Review at a later panel")
            await form.GetByLabel("Bring back by").FillAsync(today.AddDays(28).ToString("yyyy-MM-dd"));
        await form.Locator("textarea").First.FillAsync(h.Rationale);
        await form.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await chair.GetByTestId("decision-outcome").Filter(new() { HasText = h.Outcome }).WaitForAsync();
    }

    /// <summary>
    /// The co-chair had the decision form open when the chair recorded: they are shown the chair's decision and keep
    /// it. Then both change it at once: the second to save is shown the first's change and chooses knowingly.
    /// </summary>
    static async Task DecisionChangedByTwoChairsAtOnceAsync(IPage chair, IPage cochair, Hearing h, DateOnly today)
    {
        var shown = cochair.GetByTestId("decision-conflict");
        await shown.Filter(new() { HasText = h.Rationale }).WaitForAsync();
        await cochair.ScreenshotAsync("rehearsal-13a-decision-shown-to-cochair");
        await cochair.GetByTestId("decision-form").GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await cochair.GetByTestId("decision-rationale").Filter(new() { HasText = h.Rationale }).WaitForAsync();

        await chair.GetByRole(AriaRole.Button, new() { Name = "Change the decision" }).ClickAsync();
        await cochair.GetByRole(AriaRole.Button, new() { Name = "Change the decision" }).ClickAsync();
        var cochairForm = cochair.GetByTestId("decision-form");
        await cochairForm.GetByLabel("Outcome").SelectOptionAsync(new SelectOptionValue { Label = "Review at a later panel" });
        await cochairForm.GetByLabel("Bring back by").FillAsync(today.AddDays(14).ToString("yyyy-MM-dd"));
        await cochairForm.Locator("textarea").First.FillAsync("Bring back with the probation records check first.");
        await cochairForm.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();

        var conflict = chair.GetByTestId("decision-conflict");
        await conflict.Filter(new() { HasText = "Bring back with the probation records check first." }).WaitForAsync();
        await chair.ScreenshotAsync("rehearsal-13b-decision-conflict");

        // The chair keeps their own decision, knowingly.
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Replace it with mine" }).ClickAsync();
        var form = chair.GetByTestId("decision-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await cochair.GetByTestId("decision-rationale").Filter(new() { HasText = h.Rationale }).WaitForAsync();
        await chair.GetByTestId("decision-outcome").Filter(new() { HasText = h.Outcome }).WaitForAsync();
    }

    sealed record InsightFigures(int CasesHeard, int ProbationAttended, int MentalHealthEligible, int MentalHealthAttended);

    static async Task<InsightFigures> InsightFiguresAsync(IPage manager, TestServer server)
    {
        await manager.GotoInteractiveAsync(server.BaseUrl + "/insight");
        // The first dashboard of a freshly started server compiles its queries: allow for a slow, shared machine.
        await manager.Locator($"tr[data-agency='{Probation}']").WaitForAsync(new() { Timeout = 30_000 });
        var casesHeard = manager.Locator("table.insight-grid tr").Filter(new() { Has = manager.Locator("th:text-is('Cases heard')") });
        return new InsightFigures(
            await NumberAsync(casesHeard.Locator("td").First),
            await NumberAsync(manager.Locator($"tr[data-agency='{Probation}'] td").Nth(1)),
            await NumberAsync(manager.Locator($"tr[data-agency='{MentalHealth}'] td").Nth(0)),
            await NumberAsync(manager.Locator($"tr[data-agency='{MentalHealth}'] td").Nth(1)));

        static async Task<int> NumberAsync(ILocator cell) => int.Parse((await cell.InnerTextAsync()).Trim());
    }

    /// <summary>Downloads a document through the browser's own signed-in session, as the link on the page would.</summary>
    static async Task<byte[]> DownloadAsync(IPage page, string link, string saveAs)
    {
        var href = await page.GetByRole(AriaRole.Link, new() { Name = link }).GetAttributeAsync("href");
        var response = await page.Context.APIRequest.GetAsync(new Uri(new Uri(page.Url), href).ToString());
        Assert.True(response.Ok, $"{link}: {response.Status}");
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        var pdf = await response.BodyAsync();
        PdfText.Save(pdf, saveAs);
        return pdf;
    }

    static void AssertMarkedOnEveryPage(PdfText pdf)
    {
        Assert.NotEmpty(pdf.Pages);
        Assert.All(pdf.Pages, page => Assert.Contains("OFFICIAL-SENSITIVE", page));
    }

    static async Task<IPage> SignedInAsync(BrowserFixture browser, TestServer server, string email, int width = 1440, int height = 900)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(server.BaseUrl, email, DemoLogins.Password);
        await page.WaitForSelectorAsync("text=Welcome");
        await page.WaitForInteractiveAsync();
        return page;
    }
}
