using System.Net;
using DapPanel.Core.Demo;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Security.Matrix;

/// <summary>
/// Two panels in one deployment: the demo panel's people never see the second panel's meetings or cases, and the
/// second panel's people never see the demo's, through any door: pages (prerendered), downloads and the hub.
/// </summary>
[Collection(MatrixCollection.Name)]
public class TwoPanelsTests(MatrixWorld world)
{
    /// <summary>The demo panel's people with a session, and the second panel's chair and member.</summary>
    public static TheoryData<string> DemoPeople() => new(Personas.SignedIn.Where(p => p != Persona.Administrator).Select(p => p.Email()!));

    public static TheoryData<string> SecondPanelPeople() => new(SecondPanel.ChairEmail, SecondPanel.MemberEmail);

    IEnumerable<string> SecondPanelDoors()
    {
        var s = world.Second;
        yield return $"/meetings/{s.UpcomingMeetingId}";
        yield return $"/meetings/{s.UpcomingMeetingId}/case-list";
        yield return $"/meetings/{s.UpcomingMeetingId}/research";
        yield return $"/meetings/{s.UpcomingMeetingId}/circulate";
        yield return $"/meetings/{s.UpcomingMeetingId}/readiness";
        yield return $"/meetings/{s.LiveMeeting.Id}/live";
        yield return $"/meetings/{s.ClosedMeetingId}/minutes";
        yield return $"/cases/{s.CaseId}";
        yield return $"/meetings/{s.UpcomingMeetingId}/case-list.pdf";
        yield return $"/meetings/{s.ClosedMeetingId}/minutes.pdf";
        yield return $"/meetings/{s.ClosedMeetingId}/actions.pdf";
        yield return $"/insight/attendance.csv?panel={s.PanelId}&from=2026-01-01&to=2026-11-30";
    }

    IEnumerable<string> DemoPanelDoors()
    {
        yield return $"/meetings/{world.UpcomingMeetingId}";
        yield return $"/meetings/{world.UpcomingMeetingId}/case-list";
        yield return $"/meetings/{world.UpcomingMeetingId}/circulate";
        yield return $"/meetings/{world.LiveMeeting.Id}/live";
        yield return $"/meetings/{world.ClosedMeetingId}/minutes";
        yield return $"/cases/{world.CaseId}";
        yield return $"/meetings/{world.UpcomingMeetingId}/case-list.pdf";
        yield return $"/meetings/{world.ClosedMeetingId}/minutes.pdf";
        yield return $"/meetings/{world.ClosedMeetingId}/actions.pdf";
        yield return $"/insight/attendance.csv?panel={world.PanelId}&from=2026-01-01&to=2026-11-30";
    }

    static string[] ListPages => ["/", "/meetings", "/cases", "/intake", "/insight", "/audit"];

    [Theory, MemberData(nameof(DemoPeople))]
    public async Task The_demo_panels_people_never_see_the_second_panels_meetings_or_cases(string email)
    {
        using var client = await ClientAsync(email);

        foreach (var door in SecondPanelDoors())
        {
            var (refused, body) = await GetAsync(client, door);
            Assert.True(refused, $"{email} got into {door}.");
            AssertNoneOf(world.Second.PerpetratorNames.Concat(world.Second.VictimNames), body, email, door);
        }
        foreach (var page in ListPages)
            AssertNoneOf(world.Second.PerpetratorNames.Concat(world.Second.VictimNames).Append(SecondPanel.Name),
                (await GetAsync(client, page)).Body, email, page);
        await AssertHubRefusesAsync(email, world.Second.LiveMeeting.Id);
    }

    [Theory, MemberData(nameof(SecondPanelPeople))]
    public async Task The_second_panels_people_never_see_the_demo_panels_meetings_or_cases(string email)
    {
        using var client = await ClientAsync(email);

        foreach (var door in DemoPanelDoors())
        {
            var (refused, body) = await GetAsync(client, door);
            Assert.True(refused, $"{email} got into {door}.");
            AssertNoneOf(world.PerpetratorNames.Except(world.Second.PerpetratorNames), body, email, door);
        }
        foreach (var page in ListPages)
            AssertNoneOf(world.PerpetratorNames.Except(world.Second.PerpetratorNames).Append(DemoPanel.PanelName),
                (await GetAsync(client, page)).Body, email, page);
        await AssertHubRefusesAsync(email, world.LiveMeeting.Id);
    }

    [Fact]
    public async Task The_second_panels_chair_sees_their_own_panels_meetings_and_cases_only()
    {
        using var client = await ClientAsync(SecondPanel.ChairEmail);

        var (_, meetings) = await GetAsync(client, "/meetings");
        var (caseRefused, caseDetail) = await GetAsync(client, $"/cases/{world.Second.CaseId}");
        await using var hub = await MeetingClient.ConnectAsync(world.Server, SecondPanel.ChairEmail, DemoLogins.Password);
        var view = await hub.JoinAsync(world.Second.LiveMeeting.Id);

        Assert.Contains(SecondPanel.Name, meetings);
        Assert.DoesNotContain(DemoPanel.PanelName, meetings);
        Assert.False(caseRefused);
        Assert.Contains("Sutton Perpetrator Upcoming", caseDetail);
        Assert.Equal(world.Second.LiveMeeting.Id, view.MeetingId);
    }

    [Fact]
    public async Task An_administrator_sees_both_panels()
    {
        using var client = await ClientAsync(Persona.Administrator.Email()!);

        var (_, meetings) = await GetAsync(client, "/meetings");

        Assert.Contains($"/meetings/{world.Second.UpcomingMeetingId}", meetings);
        Assert.Contains($"/meetings/{world.UpcomingMeetingId}", meetings);
    }

    [Fact]
    public async Task Someone_on_both_panels_narrows_the_lists_to_one_with_the_switcher_and_cannot_choose_a_panel_not_theirs()
    {
        using var admin = await world.Server.SignedInClientAsync(Persona.Administrator.Email()!);
        var (_, home) = await GetAsync(admin, "/");
        Assert.Contains("data-testid=\"panel-switcher\"", home);

        var chosen = await SwitchAsync(admin, world.Second.PanelId.ToString());
        var (_, meetings) = await GetAsync(admin, "/meetings");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/meetings", chosen.Headers.Location?.OriginalString);
        Assert.Contains($"/meetings/{world.Second.UpcomingMeetingId}", meetings);
        Assert.DoesNotContain($"/meetings/{world.UpcomingMeetingId}", meetings);

        await SwitchAsync(admin, "");
        var (_, all) = await GetAsync(admin, "/meetings");
        Assert.Contains($"/meetings/{world.UpcomingMeetingId}", all);
        Assert.Contains($"/meetings/{world.Second.UpcomingMeetingId}", all);

        // A chair of the demo panel has one panel: no switcher, and the second panel cannot be chosen by hand.
        using var chair = await world.Server.SignedInClientAsync(Persona.Chair.Email()!);
        Assert.DoesNotContain("data-testid=\"panel-switcher\"", (await GetAsync(chair, "/")).Body);
        Assert.Equal(HttpStatusCode.Forbidden, (await SwitchAsync(chair, world.Second.PanelId.ToString())).StatusCode);
    }

    /// <summary>
    /// Chairing is per panel. The second panel's chair also sits on the demo panel for the demo's police agency (the
    /// people list allows both roles): in the demo's live room they are an agency member like any other, so through the
    /// hub they cannot move the agenda, record a decision or attendance, reassign an action or speak for another agency.
    /// </summary>
    [Fact]
    public async Task A_chair_of_the_second_panel_who_sits_on_the_demo_panel_as_a_member_cannot_chair_the_demos_meeting()
    {
        var email = await ChairElsewhereAsync();
        var police = await world.Server.AgencyIdAsync(Core.Domain.AgencyKind.Police);
        var idva = await world.Server.AgencyIdAsync(Core.Domain.AgencyKind.IdvaService);
        await using var hub = await MeetingClient.ConnectAsync(world.Server, email, DemoLogins.Password);
        var meeting = world.LiveMeeting;
        var view = await hub.JoinAsync(meeting.Id);
        var item = meeting.ItemIds[^1];
        var before = view.Version;

        foreach (var (method, arguments) in new (string, object?[])[]
                 {
                     ("NextItem", [Guid.NewGuid(), meeting.Id]),
                     ("MoveToItem", [Guid.NewGuid(), meeting.Id, item]),
                     ("StartTimer", [Guid.NewGuid(), meeting.Id]),
                     ("DeferItem", [Guid.NewGuid(), meeting.Id, item]),
                     ("RecordDecision", [Guid.NewGuid(), meeting.Id, item,
                         new DecisionInput(Core.Domain.DecisionOutcome.Review, "Not this person's to record"), null]),
                     ("AddLever", [Guid.NewGuid(), meeting.Id, item,
                         new LeverInput(idva, Core.Domain.LeverFamily.Support, Core.Domain.LeverArea.PhysicalHealth, "Not theirs to offer")]),
                     ("AgreeAction", [Guid.NewGuid(), meeting.Id, item,
                         new ActionInput("Not theirs to agree for the IDVA service", idva, null, null)]),
                 })
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeCoreAsync<long>(method, arguments));
            var message = HubRefusal.MessageOf(refusal) ?? refusal.Message;
            Assert.True(AccessRules.IsRefusal(message), $"{method} on the other panel's meeting: {message}");
        }
        var after = await hub.Connection.InvokeAsync<LiveMeetingView>("GetView", meeting.Id, 0L);
        Assert.Equal(before, after.Version);
        // As the member they are, they still speak for their own agency.
        await hub.Connection.InvokeAsync<long>("AddLever", Guid.NewGuid(), meeting.Id, item,
            new LeverInput(police, Core.Domain.LeverFamily.Disrupt, Core.Domain.LeverArea.EvidenceGathering, "Police can share intelligence"));
    }

    /// <summary>
    /// The same person through pages and downloads: what only the demo panel's own chairs and administrators open (its
    /// case records, minutes, readiness board and review updates) stays closed to them, and shows none of its names.
    /// </summary>
    [Fact]
    public async Task A_chair_of_the_second_panel_who_sits_on_the_demo_panel_as_a_member_opens_no_chairs_page_of_the_demo_panel()
    {
        using var client = await ClientAsync(await ChairElsewhereAsync());

        foreach (var door in new[]
                 {
                     $"/cases/{world.CaseId}", $"/cases/{world.CaseId}/intake", $"/meetings/{world.ClosedMeetingId}/minutes",
                     $"/meetings/{world.ClosedMeetingId}/minutes.pdf", $"/meetings/{world.UpcomingMeetingId}/readiness",
                     $"/meetings/{world.UpcomingMeetingId}/review-updates", $"/meetings/{world.UpcomingMeetingId}/circulate",
                     $"/evaluation/tables/cohort.csv?panel={world.PanelId}&from=2026-01-01&to=2026-11-30",
                     $"/insight/attendance.csv?panel={world.PanelId}&from=2026-01-01&to=2026-11-30",
                 })
        {
            var (refused, body) = await GetAsync(client, door);
            Assert.True(refused, $"A chair of the second panel got into the demo panel's {door}.");
        }
        var evaluation = world.Server.Services.GetRequiredService<Core.Evaluation.IEvaluationQueries>();
        var both = (await world.Server.DemoAsync(await ChairElsewhereAsync(), Core.Domain.Role.Chair)) with
        {
            Roles = new HashSet<Core.Domain.Role> { Core.Domain.Role.Chair, Core.Domain.Role.AgencyMember },
        };
        await Assert.ThrowsAnyAsync<Core.Domain.UserFacingException>(() => evaluation.ReportAsync(both,
            new Core.Insight.InsightPeriod(world.PanelId, new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 30)), showSmallNumbers: true));
        // Home offers them the second panel's minutes to finalise, never the demo panel's.
        var (_, home) = await GetAsync(client, "/");
        Assert.DoesNotContain($"/meetings/{world.ClosedMeetingId}/minutes\"", home);
        Assert.Contains($"/meetings/{world.Second.ClosedMeetingId}/minutes\"", home);
        var (_, cases) = await GetAsync(client, "/cases");
        AssertNoneOf(world.PerpetratorNames.Except(world.Second.PerpetratorNames).Concat(world.DraftPerpetratorNames), cases,
            "A chair of the second panel", "/cases");
    }

    /// <summary>Nor do they record what became of another agency's action at the demo panel, as its chairs may.</summary>
    [Fact]
    public async Task A_chair_of_the_second_panel_who_sits_on_the_demo_panel_as_a_member_records_no_other_agencys_action()
    {
        var email = await ChairElsewhereAsync();
        var police = await world.Server.AgencyIdAsync(Core.Domain.AgencyKind.Police);
        var both = (await world.Server.DemoAsync(email, Core.Domain.Role.Chair)) with
        {
            Roles = new HashSet<Core.Domain.Role> { Core.Domain.Role.Chair, Core.Domain.Role.AgencyMember },
        };
        var action = await world.Server.ReadAsync(db => db.Actions.Where(a => a.Status == Core.Domain.ActionStatus.Open
                && a.OwnerAgencyId != police && a.Case!.PanelId == world.PanelId)
            .Select(a => new { a.Id, a.Version }).FirstAsync());
        var followUp = world.Server.Services.GetRequiredService<Core.Minutes.IActionFollowUp>();

        await Assert.ThrowsAsync<Core.Domain.AccessDeniedException>(() =>
            followUp.RecordOutcomeAsync(both, action.Id, Core.Domain.ActionStatus.Done, null, action.Version));
    }

    /// <summary>Nor do they see who attended the demo panel's meeting and the notes sent with apologies.</summary>
    [Fact]
    public async Task A_chair_of_the_second_panel_who_sits_on_the_demo_panel_as_a_member_sees_no_attendance_of_its_meeting()
    {
        var both = (await world.Server.DemoAsync(await ChairElsewhereAsync(), Core.Domain.Role.Chair)) with
        {
            Roles = new HashSet<Core.Domain.Role> { Core.Domain.Role.Chair, Core.Domain.Role.AgencyMember },
        };
        var attendance = world.Server.Services.GetRequiredService<Core.Attendance.IAttendanceService>();

        await Assert.ThrowsAsync<Core.Domain.AccessDeniedException>(() => attendance.GetAsync(both, world.LiveMeeting.Id));
    }

    /// <summary>
    /// Chairs the second panel and sits on the demo panel for the demo's police agency (the people list allows both
    /// roles), having acknowledged the demo panel's agreement as its members do.
    /// </summary>
    async Task<string> ChairElsewhereAsync()
    {
        const string email = "chair-and-member@sutton-dapp.example";
        if (await world.Server.ReadAsync(db => db.People.AnyAsync(p => p.Email == email))) return email;
        var police = await world.Server.AgencyIdAsync(Core.Domain.AgencyKind.Police);
        var person = await world.AddPersonAsync(email, "DI Both Panels", police, Core.Domain.Role.Chair, Core.Domain.Role.AgencyMember);
        await world.Server.ReadAsync(async db =>
        {
            db.PanelChairs.Add(new Core.Domain.PanelChair { PanelId = world.Second.PanelId, PersonId = person });
            db.AgreementAcknowledgements.Add(new Core.Domain.AgreementAcknowledgement
            {
                PanelId = world.PanelId, AgreementNumber = 1, PersonId = person, AcknowledgedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        return email;
    }

    static async Task<HttpResponseMessage> SwitchAsync(HttpClient client, string panelId)
    {
        var token = await HttpSignIn.PageTokenAsync(client, "/meetings") ?? throw new Xunit.Sdk.XunitException("No page token.");
        return await client.PostAsync("/panels/current", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["panelId"] = panelId, ["returnUrl"] = "/meetings",
        }));
    }

    async Task AssertHubRefusesAsync(string email, Guid meetingId)
    {
        await using var hub = await MeetingClient.ConnectAsync(world.Server, await SessionOfAsync(email));
        foreach (var (method, arguments) in new (string, object[])[]
                 {
                     ("GetConfidentialityStatement", [meetingId]), ("AcknowledgeConfidentiality", [meetingId]), ("JoinMeeting", [meetingId]),
                     ("GetView", [meetingId, 0L]), ("ChangesSince", [meetingId, 0L]),
                 })
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeCoreAsync<object>(method, arguments));
            var message = HubRefusal.MessageOf(refusal) ?? refusal.Message;
            Assert.True(AccessRules.IsRefusal(message), $"{email} calling {method} on the other panel's meeting: {message}");
            AssertNoneOf(world.Second.PerpetratorNames.Concat(world.PerpetratorNames.Take(3)), message, email, method);
        }
    }

    readonly Dictionary<string, CookieContainer> sessions = [];

    async Task<CookieContainer> SessionOfAsync(string email)
    {
        var persona = Personas.SignedIn.FirstOrDefault(p => p.Email() == email);
        if (persona != default) return await world.SessionAsync(persona);
        if (!sessions.TryGetValue(email, out var cookies))
            sessions[email] = cookies = await HttpSignIn.SignInAsync(world.Server.BaseUrl, email, DemoLogins.Password);
        return cookies;
    }

    async Task<HttpClient> ClientAsync(string email) =>
        new(new HttpClientHandler { CookieContainer = await SessionOfAsync(email), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(world.Server.BaseUrl),
        };

    static async Task<(bool Refused, string Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True((int)response.StatusCode < 500, $"{path} failed: {(int)response.StatusCode}");
        var status = (int)response.StatusCode;
        var refused = status is 401 or 403 or 404
            || (status == 302 && response.Headers.Location?.OriginalString is { } to && (to.Contains("ReturnUrl=") || to.Contains("access-denied")))
            || AccessRules.IsRefusal(body);
        return (refused, body);
    }

    static void AssertNoneOf(IEnumerable<string> names, string body, string who, string where)
    {
        foreach (var name in names)
            Assert.False(body.Contains(name), $"{who} on {where} was shown {name}.");
    }
}
