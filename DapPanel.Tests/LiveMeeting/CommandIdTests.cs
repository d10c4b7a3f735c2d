using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>A command id is answered truthfully: the same command again gets the same answer; anything else is refused.</summary>
[Collection(LiveServerCollection.Name)]
public class CommandIdTests(TestServer server) : LiveMeetingTestBase(server)
{
    async Task<LeverInput> ProbationLever(string text) =>
        new(await Server.AgencyIdAsync(AgencyKind.Probation), LeverFamily.Engagement, LeverArea.ProbationContact, text);

    Task<int> LeversOnAsync(TestMeeting meeting) => Server.ReadAsync(db => db.Levers.CountAsync(l => l.MeetingId == meeting.Id));

    [Fact]
    public async Task The_same_id_with_different_text_is_refused_and_stores_nothing()
    {
        var meeting = await Server.CreateAsync(1);
        var probation = await Probation();
        var command = Guid.NewGuid();
        await Levers.AddAsync(probation, command, meeting.Id, meeting.ItemIds[0], await ProbationLever("Joint visit"));

        var other = await ProbationLever("Something else");
        var refusal = await Assert.ThrowsAsync<CommandIdReusedException>(() =>
            Levers.AddAsync(probation, command, meeting.Id, meeting.ItemIds[0], other));

        Assert.Contains("already used for a different command", refusal.Message);
        Assert.Equal(1, await LeversOnAsync(meeting));
    }

    [Fact]
    public async Task The_same_id_for_another_command_another_person_or_another_item_is_refused()
    {
        var meeting = await Server.CreateAsync(2);
        await Flow.StartAsync(await Chair(), Guid.NewGuid(), meeting.Id);
        var probation = await Probation();
        var command = Guid.NewGuid();
        var lever = await ProbationLever("Joint visit");
        await Levers.AddAsync(probation, command, meeting.Id, meeting.ItemIds[0], lever);

        await Assert.ThrowsAsync<CommandIdReusedException>(() => Actions.AgreeAsync(probation, command, meeting.Id, meeting.ItemIds[0],
            new ActionInput("Visit", lever.AgencyId, null, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)))));
        await Assert.ThrowsAsync<CommandIdReusedException>(async () =>
            await Levers.AddAsync(await Chair(), command, meeting.Id, meeting.ItemIds[0], lever));
        await Assert.ThrowsAsync<CommandIdReusedException>(() => Levers.AddAsync(probation, command, meeting.Id, meeting.ItemIds[1], lever));
        await Assert.ThrowsAsync<CommandIdReusedException>(async () => await Flow.NextAsync(await Chair(), command, meeting.Id));

        Assert.Equal(1, await LeversOnAsync(meeting));
        Assert.Equal(0, await Server.ReadAsync(db => db.Actions.CountAsync(a => meeting.ItemIds.Contains(a.AgendaItemId))));
        Assert.Equal(meeting.ItemIds[0], (await ViewAsync(meeting.Id)).CurrentItemId);
    }

    [Fact]
    public async Task Next_item_sent_again_with_its_id_moves_once_and_answers_the_same()
    {
        var meeting = await Server.CreateAsync(3);
        var chair = await Chair();
        await Flow.StartAsync(chair, Guid.NewGuid(), meeting.Id);
        var command = Guid.NewGuid();

        var first = await Flow.NextAsync(chair, command, meeting.Id);
        var again = await Flow.NextAsync(chair, command, meeting.Id);

        Assert.Equal(first, again);
        Assert.Equal(meeting.ItemIds[1], (await ViewAsync(meeting.Id)).CurrentItemId);
    }

    [Fact]
    public async Task Two_identical_commands_at_the_same_moment_get_the_same_answer_and_store_one_lever()
    {
        var meeting = await Server.CreateAsync(1);
        var probation = await Probation();
        var lever = await ProbationLever("Sent twice by a client retrying");
        for (var round = 0; round < 10; round++)
        {
            var command = Guid.NewGuid();
            var calls = Enumerable.Range(0, 4)
                .Select(_ => Task.Run(() => Levers.AddAsync(probation, command, meeting.Id, meeting.ItemIds[0], lever)))
                .ToList();

            var answers = await Task.WhenAll(calls);

            Assert.Single(answers.Distinct());
        }
        Assert.Equal(10, await LeversOnAsync(meeting));
    }

    [Fact]
    public async Task Two_identical_edits_at_the_same_moment_get_the_same_answer()
    {
        var meeting = await Server.CreateAsync(1);
        var probation = await Probation();
        await Levers.AddAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever("First wording"));
        var lever = (await ViewAsAsync(probation, meeting.Id)).Items[0].Levers.Single();
        var command = Guid.NewGuid();
        var change = await ProbationLever("Second wording");

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => Levers.EditAsync(probation, command, meeting.Id, lever.Id, change, lever.Version))));

        Assert.Single(answers.Distinct());
        Assert.Equal("Second wording", (await ViewAsAsync(probation, meeting.Id)).Items[0].Levers.Single().Description);
    }
}
