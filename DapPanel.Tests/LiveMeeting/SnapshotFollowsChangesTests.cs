using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>
/// Lever and action commands re-read one case's levers or actions into the room's snapshot instead of rebuilding it;
/// whatever path it takes, the room sees exactly what a whole rebuild from the database shows.
/// </summary>
[Collection(LiveServerCollection.Name)]
public class SnapshotFollowsChangesTests(TestServer server) : LiveMeetingTestBase(server)
{
    LiveMeetingReadModel ReadModel => Server.Services.GetRequiredService<LiveMeetingReadModel>();

    async Task<LeverInput> ProbationLever(string text) =>
        new(await Server.AgencyIdAsync(AgencyKind.Probation), LeverFamily.Support, LeverArea.Housing, text);

    async Task<ActionInput> ProbationAction(Guid meetingId, string text) =>
        new(text, await Server.AgencyIdAsync(AgencyKind.Probation), null, (await ReadModel.GetAsync(meetingId))!.View.Date.AddDays(14));

    /// <summary>The snapshot the room is served, against one built whole by a read model with nothing cached.</summary>
    async Task AssertSnapshotIsExactAsync(Guid meetingId)
    {
        var served = (await ReadModel.GetAsync(meetingId))!;
        var rebuilt = (await new LiveMeetingReadModel(
            Server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>(),
            Server.Services.GetRequiredService<TimeProvider>()).GetAsync(meetingId))!;
        Assert.Equal(rebuilt.View, served.View);
        Assert.Equal(rebuilt.WithheldView, served.WithheldView);
    }

    [Fact]
    public async Task Levers_and_actions_are_read_again_for_their_case_alone_and_match_a_rebuild()
    {
        var meeting = await LiveMeetingAsync(items: 3);
        var probation = await Probation();
        var chair = await Chair();
        await ReadModel.GetAsync(meeting.Id);
        var builds = ReadModel.WholeBuilds;

        await Levers.AddAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[1], await ProbationLever("Supported housing referral"));
        await AssertSnapshotIsExactAsync(meeting.Id);
        var lever = (await ReadModel.GetAsync(meeting.Id))!.View.Items[1].Levers.Single();
        await Levers.EditAsync(probation, Guid.NewGuid(), meeting.Id, lever.Id, await ProbationLever("Supported housing, two bedrooms"), lever.Version);
        await AssertSnapshotIsExactAsync(meeting.Id);
        lever = (await ReadModel.GetAsync(meeting.Id))!.View.Items[1].Levers.Single();
        await Levers.WithdrawAsync(probation, Guid.NewGuid(), meeting.Id, lever.Id, lever.Version);
        await AssertSnapshotIsExactAsync(meeting.Id);

        await Actions.AgreeAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[2], await ProbationAction(meeting.Id, "Check licence conditions"));
        await AssertSnapshotIsExactAsync(meeting.Id);
        var action = (await ReadModel.GetAsync(meeting.Id))!.View.Items[2].Actions.Single();
        await Actions.ReassignAsync(chair, Guid.NewGuid(), meeting.Id, action.Id,
            new ActionInput("Check licence conditions", await Server.AgencyIdAsync(AgencyKind.Police), null, action.DueOn.AddDays(-7)), action.Version);
        await AssertSnapshotIsExactAsync(meeting.Id);

        Assert.Equal(builds, ReadModel.WholeBuilds);
    }

    [Fact]
    public async Task A_decision_rebuilds_the_snapshot_whole()
    {
        var meeting = await LiveMeetingAsync(items: 1);
        await ReadModel.GetAsync(meeting.Id);
        var builds = ReadModel.WholeBuilds;

        await Decisions.RecordAsync(await Chair(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new DecisionInput(DecisionOutcome.Accept, "High risk; probation is a safe route in."), null);

        await AssertSnapshotIsExactAsync(meeting.Id);
        Assert.Equal(builds + 1, ReadModel.WholeBuilds);
    }

    [Fact]
    public async Task Changes_saved_at_the_same_moment_all_reach_the_snapshot()
    {
        var meeting = await LiveMeetingAsync(items: 2);
        var probation = await Probation();
        await ReadModel.GetAsync(meeting.Id);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async n =>
        {
            var item = meeting.ItemIds[n % 2];
            if (n % 3 == 0) await Actions.AgreeAsync(probation, Guid.NewGuid(), meeting.Id, item, await ProbationAction(meeting.Id, $"Action {n}"));
            else await Levers.AddAsync(probation, Guid.NewGuid(), meeting.Id, item, await ProbationLever($"Lever {n}"));
            await ReadModel.GetAsync(meeting.Id);
        }));

        await AssertSnapshotIsExactAsync(meeting.Id);
        var view = (await ReadModel.GetAsync(meeting.Id))!.View;
        Assert.Equal(5, view.Items.Sum(i => i.Levers.Count));
        Assert.Equal(3, view.Items.Sum(i => i.Actions.Count));
    }

    [Fact]
    public async Task Changes_nobody_read_are_caught_up_by_one_rebuild()
    {
        var meeting = await LiveMeetingAsync(items: 1);
        var probation = await Probation();
        await ReadModel.GetAsync(meeting.Id);
        await Levers.AddAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever("Read"));
        await ReadModel.GetAsync(meeting.Id);
        var builds = ReadModel.WholeBuilds;

        for (var n = 0; n < 5; n++)
            await Levers.AddAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever($"Unread {n}"));

        await AssertSnapshotIsExactAsync(meeting.Id);
        Assert.Equal(6, (await ReadModel.GetAsync(meeting.Id))!.View.Items[0].Levers.Count);
        Assert.Equal(builds + 1, ReadModel.WholeBuilds);
    }
}
