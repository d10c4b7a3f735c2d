using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.LiveMeeting;

[Collection(LiveServerCollection.Name)]
public class DecisionAndActionTests(TestServer server) : LiveMeetingTestBase(server)
{
    [Fact]
    public async Task Accepting_a_referral_records_the_decision_and_accepts_the_case()
    {
        var meeting = await LiveMeetingAsync(1);

        await Decisions.RecordAsync(await Chair(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new DecisionInput(DecisionOutcome.Accept, "High risk; probation is a safe route in."), null);

        var decision = (await ViewAsync(meeting.Id)).Items[0].Decision!;
        Assert.Equal(DecisionOutcome.Accept, decision.Outcome);
        Assert.Equal("DI Sam Kestrel", decision.RecordedByName);
        var c = await Server.ReadAsync(db => db.Cases.SingleAsync(x => x.Id == meeting.CaseIds[0]));
        Assert.Equal(CaseStatus.Accepted, c.Status);
        Assert.NotNull(c.AcceptedOn);
    }

    [Fact]
    public async Task Only_a_chair_records_decisions()
    {
        var meeting = await LiveMeetingAsync(1);

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Decisions.RecordAsync(await Probation(), Guid.NewGuid(),
            meeting.Id, meeting.ItemIds[0], new DecisionInput(DecisionOutcome.Accept, "x"), null));
    }

    [Fact]
    public async Task Two_chairs_deciding_at_once_the_second_is_refused_with_the_current_decision()
    {
        var meeting = await LiveMeetingAsync(1);
        await Decisions.RecordAsync(await Chair(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new DecisionInput(DecisionOutcome.Accept, "Eligible and safe to contact"), null);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await Decisions.RecordAsync(
            await CoChair(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new DecisionInput(DecisionOutcome.NotSuitable, "Too dangerous"), null));

        Assert.Contains("Accept", conflict.Message);
        Assert.Contains("Eligible and safe to contact", conflict.Message);
        Assert.Equal(DecisionOutcome.Accept, (await ViewAsync(meeting.Id)).Items[0].Decision!.Outcome);
    }

    [Fact]
    public async Task Changing_a_decision_from_the_current_version_replaces_it_and_the_case_follows()
    {
        var meeting = await LiveMeetingAsync(1);
        var chair = await Chair();
        await Decisions.RecordAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new DecisionInput(DecisionOutcome.Accept, "Eligible"), null);
        var current = (await ViewAsync(meeting.Id)).Items[0].Decision!;

        await Decisions.RecordAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new DecisionInput(DecisionOutcome.NotSuitable, "New information: too dangerous"), current.Version);

        Assert.Equal(DecisionOutcome.NotSuitable, (await ViewAsync(meeting.Id)).Items[0].Decision!.Outcome);
        var c = await Server.ReadAsync(db => db.Cases.SingleAsync(x => x.Id == meeting.CaseIds[0]));
        Assert.Equal(CaseStatus.NotSuitable, c.Status);
        Assert.Null(c.AcceptedOn);
    }

    [Fact]
    public async Task Closing_a_case_before_three_months_is_refused_and_nothing_is_saved()
    {
        var meeting = await LiveMeetingAsync(1, _ => new CaseBuilder().AcceptedOn(DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-2)).Build());

        var refusal = await Assert.ThrowsAsync<DomainRuleException>(async () => await Decisions.RecordAsync(await Chair(),
            Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new DecisionInput(DecisionOutcome.Close, "Disengaged", ClosureReason.ServiceUserDisengaged), null));

        Assert.Contains("3 months", refusal.Message);
        Assert.Null((await ViewAsync(meeting.Id)).Items[0].Decision);
    }

    [Fact]
    public async Task Extending_needs_a_reason()
    {
        var meeting = await LiveMeetingAsync(1, _ => new CaseBuilder().AcceptedOn(DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-13)).Build());

        await Assert.ThrowsAsync<DomainRuleException>(async () => await Decisions.RecordAsync(await Chair(), Guid.NewGuid(),
            meeting.Id, meeting.ItemIds[0], new DecisionInput(DecisionOutcome.Extend, "Still a risk", ExtensionReason: " "), null));
        await Decisions.RecordAsync(await Chair(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new DecisionInput(DecisionOutcome.Extend, "Still a risk", ExtensionReason: "New partner with children"), null);

        var c = await Server.ReadAsync(db => db.Cases.SingleAsync(x => x.Id == meeting.CaseIds[0]));
        Assert.Equal("New partner with children", c.ExtensionReason);
    }

    [Fact]
    public async Task An_agency_volunteers_an_action_for_itself_only_with_a_due_date_not_before_the_meeting()
    {
        var meeting = await LiveMeetingAsync(1);
        var probation = await Probation();
        var probationId = probation.AgencyId;
        var meetingDate = (await ViewAsync(meeting.Id)).Date;

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Actions.AgreeAsync(await Housing(), Guid.NewGuid(),
            meeting.Id, meeting.ItemIds[0], new ActionInput("Share licence", probationId, null, meetingDate.AddDays(7))));
        await Assert.ThrowsAsync<DomainRuleException>(() => Actions.AgreeAsync(probation, Guid.NewGuid(),
            meeting.Id, meeting.ItemIds[0], new ActionInput("Share licence", probationId, null, meetingDate.AddDays(-1))));
        await Actions.AgreeAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new ActionInput("Share licence conditions", probationId, probation.PersonId, meetingDate.AddDays(7)));

        var action = Assert.Single((await ViewAsync(meeting.Id)).Items[0].Actions);
        Assert.Equal("Chris Plover", action.OwnerPersonName);
        Assert.True(action.AgreedAtThisMeeting);
    }

    [Fact]
    public async Task The_chair_reassigns_an_action_and_a_stale_reassignment_is_refused()
    {
        var meeting = await LiveMeetingAsync(1);
        var chair = await Chair();
        var probationId = await Server.AgencyIdAsync(AgencyKind.Probation);
        var housingId = await Server.AgencyIdAsync(AgencyKind.Housing);
        var due = (await ViewAsync(meeting.Id)).Date.AddDays(10);
        await Actions.AgreeAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], new ActionInput("Visit", probationId, null, due));
        var action = (await ViewAsync(meeting.Id)).Items[0].Actions[0];

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Actions.ReassignAsync(await Probation(), Guid.NewGuid(),
            meeting.Id, action.Id, new ActionInput("Visit", housingId, null, due), action.Version));
        await Actions.ReassignAsync(chair, Guid.NewGuid(), meeting.Id, action.Id, new ActionInput("Visit", housingId, null, due), action.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Actions.ReassignAsync(chair, Guid.NewGuid(), meeting.Id,
            action.Id, new ActionInput("Visit", probationId, null, due), action.Version));

        Assert.Equal(housingId, (await ViewAsync(meeting.Id)).Items[0].Actions[0].OwnerAgencyId);
    }

    [Fact]
    public async Task Changes_are_in_the_log_so_a_client_that_was_away_can_catch_up()
    {
        var meeting = await LiveMeetingAsync(1);
        var since = (await ViewAsync(meeting.Id)).Version;
        var probation = await Probation();

        await Levers.AddAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new LeverInput(probation.AgencyId, LeverFamily.Engagement, LeverArea.ProbationContact, "Licence"));
        await Decisions.RecordAsync(await Chair(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new DecisionInput(DecisionOutcome.Review, "More information needed", ReviewOn: (await ViewAsync(meeting.Id)).Date.AddDays(28)), null);

        await Attendance.AcknowledgeAsync(probation, meeting.Id);
        var changes = await Live.ChangesSinceAsync(probation, meeting.Id, since);
        Assert.Equal(["lever-added", "decision"], changes.Select(c => c.Kind));
        Assert.True(changes[1].Version > changes[0].Version);
    }
}
