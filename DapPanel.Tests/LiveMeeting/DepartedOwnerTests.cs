using DapPanel.Core.Administration;
using DapPanel.Core.Attendance;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>
/// Someone whose sign-in an administrator has disabled (they have left the work) is no longer offered or accepted as the
/// owner of a new action or as attending a meeting; an action they already own stays theirs until the chair reassigns it,
/// and the reassign form says they have left.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DepartedOwnerTests : IAsyncLifetime
{
    // A server of its own: the test adds a person to the demo agencies and disables them.
    readonly TestServer server = new();

    public Task InitializeAsync() => server.InitializeAsync();
    public Task DisposeAsync() => server.DisposeAsync();

    T Get<T>() where T : notnull => server.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_disabled_sign_in_is_not_offered_or_accepted_as_a_new_owner_but_keeps_the_actions_it_has()
    {
        var (administrator, chair, probationId, leaverId, meeting) = await LiveMeetingWithALeaverAsync();
        var due = TwoWeeksAfterTheMeeting;
        var actions = Get<IActionBoard>();
        await actions.AgreeAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new ActionInput("Hand over the licence file", probationId, leaverId, due));
        Assert.Contains(await OffereesAsync(chair, meeting.Id, probationId), p => p.Id == leaverId);

        await DisableSignInAsync(administrator, leaverId);

        Assert.DoesNotContain(await OffereesAsync(chair, meeting.Id, probationId), p => p.Id == leaverId);
        Assert.Contains(await OffereesAsync(chair, meeting.Id, probationId), p => p.FullName == "Chris Plover");
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => actions.AgreeAsync(chair, Guid.NewGuid(), meeting.Id,
            meeting.ItemIds[0], new ActionInput("Another visit", probationId, leaverId, due)));
        Assert.Contains("sign-in is disabled", refused.Message);

        // The action they own keeps its owner through a change of date, and can go to someone else.
        var owned = Assert.Single((await Get<ILiveMeetingQueries>().GetViewAsync(chair, meeting.Id)).Items[0].Actions);
        Assert.Equal("Kit Leaver", owned.OwnerPersonName);
        await actions.ReassignAsync(chair, Guid.NewGuid(), meeting.Id, owned.Id,
            new ActionInput(owned.Description, probationId, leaverId, due.AddDays(7)), owned.Version);
        owned = Assert.Single((await Get<ILiveMeetingQueries>().GetViewAsync(chair, meeting.Id)).Items[0].Actions);
        Assert.Equal((leaverId, due.AddDays(7)), (owned.OwnerPersonId!.Value, owned.DueOn));
        await actions.ReassignAsync(chair, Guid.NewGuid(), meeting.Id, owned.Id,
            new ActionInput(owned.Description, probationId, null, due), owned.Version);
        Assert.Null(Assert.Single((await Get<ILiveMeetingQueries>().GetViewAsync(chair, meeting.Id)).Items[0].Actions).OwnerPersonId);
    }

    [Fact]
    public async Task The_chair_reassigning_an_action_sees_that_its_owner_has_left()
    {
        var (administrator, chair, probationId, leaverId, meeting) = await LiveMeetingWithALeaverAsync();
        await Get<IMeetingFlow>().MoveToAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0]);
        await Get<IActionBoard>().AgreeAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new ActionInput("Hand over the licence file", probationId, leaverId, TwoWeeksAfterTheMeeting));
        await DisableSignInAsync(administrator, leaverId);

        await using var browser = await BrowserFixture.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);
        await page.OpenLiveRoomAsync(server.BaseUrl, meeting.Id);
        await page.GetByLabel("Reassign this action").ClickAsync();

        var owner = page.GetByTestId("action-form").Locator("select[id^=action-owner]");
        Assert.Equal("Kit Leaver (sign-in disabled)", await owner.EvaluateAsync<string>("select => select.selectedOptions[0].textContent"));
        Assert.Equal(1, await owner.Locator("option", new() { HasText = "Kit Leaver" }).CountAsync());
        await page.GetByTestId("actions").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "reassign-departed-owner.png") });
    }

    [Fact]
    public async Task A_disabled_sign_in_is_not_offered_or_accepted_on_the_chairs_attendance_panel()
    {
        var (administrator, chair, probationId, leaverId, meeting) = await LiveMeetingWithALeaverAsync();
        var attendance = Get<IAttendanceService>();
        Assert.Contains(await PeopleToMarkAsync(), p => p.Id == leaverId);

        await DisableSignInAsync(administrator, leaverId);

        var people = await PeopleToMarkAsync();
        Assert.DoesNotContain(people, p => p.Id == leaverId);
        Assert.Contains(people, p => p.FullName == "Chris Plover");
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => attendance.MarkPersonAsync(chair, Guid.NewGuid(), meeting.Id,
            leaverId, AttendanceStatus.PresentInRoom));
        Assert.Equal("Kit Leaver's sign-in is disabled: they no longer attend for their agency.", refused.Message);
        var probationLines = (await attendance.GetAsync(chair, meeting.Id)).Agencies.Single(a => a.AgencyId == probationId).Lines;
        Assert.DoesNotContain(probationLines, l => l.PersonId == leaverId);

        async Task<IReadOnlyList<PersonOption>> PeopleToMarkAsync() =>
            (await attendance.GetAsync(chair, meeting.Id)).Agencies.Single(a => a.AgencyId == probationId).People;
    }

    // Test meetings are 20 days ahead.
    static DateOnly TwoWeeksAfterTheMeeting => DateOnly.FromDateTime(DateTime.UtcNow.Date.AddDays(20 + 14));

    /// <summary>A live meeting of the demo panel, and Kit Leaver added to its probation service (still signed in).</summary>
    async Task<(Actor Administrator, Actor Chair, Guid ProbationId, Guid LeaverId, TestMeeting Meeting)> LiveMeetingWithALeaverAsync()
    {
        var administrator = await server.DemoAsync("admin@dappanel.example", Role.Administrator);
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        var probationId = await server.AgencyIdAsync(AgencyKind.Probation);
        var leaverId = await Get<IPeopleAdministration>().AddAsync(administrator, new NewPersonInput
        {
            FullName = "Kit Leaver", Email = "kit.leaver@probation.example", AgencyId = probationId,
            Roles = [Role.AgencyMember], Password = "Leaving-do-2026!",
        });
        var meeting = await server.CreateAsync(1);
        await Get<IMeetingFlow>().StartAsync(chair, Guid.NewGuid(), meeting.Id);
        return (administrator, chair, probationId, leaverId, meeting);
    }

    async Task DisableSignInAsync(Actor administrator, Guid personId)
    {
        var person = (await Get<IPeopleAdministration>().ListAsync(administrator)).Single(p => p.PersonId == personId);
        await Get<IPeopleAdministration>().SetActiveAsync(administrator, personId, false, person.Version);
    }

    async Task<IReadOnlyList<PersonOption>> OffereesAsync(Actor chair, Guid meetingId, Guid agencyId)
    {
        await Get<IAttendanceService>().AcknowledgeAsync(chair, meetingId);
        var view = await Get<ILiveMeetingQueries>().GetViewAsync(chair, meetingId);
        return view.Agencies.Single(a => a.Id == agencyId).People;
    }
}
