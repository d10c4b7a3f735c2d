using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.LiveMeeting;

[Collection(LiveServerCollection.Name)]
public class MeetingFlowTests(TestServer server) : LiveMeetingTestBase(server)
{
    [Fact]
    public async Task Starting_the_meeting_opens_the_first_item_with_its_timer_running()
    {
        var meeting = await Server.CreateAsync(3);

        await Flow.StartAsync(await Chair(), Guid.NewGuid(), meeting.Id);

        var view = await ViewAsync(meeting.Id);
        Assert.Equal(MeetingStatus.Live, view.Status);
        Assert.Equal(meeting.ItemIds[0], view.CurrentItemId);
        Assert.NotNull(view.CurrentItem!.TimerStartedAt);
        Assert.Equal(ItemProgress.Current, view.Items[0].Progress);
        Assert.Equal(ItemProgress.ToCome, view.Items[1].Progress);
    }

    [Fact]
    public async Task Only_a_chair_starts_moves_and_closes_and_a_refusal_saves_nothing()
    {
        var meeting = await Server.CreateAsync(2);
        var probation = await Probation();
        var before = await ViewAsync(meeting.Id);

        await Assert.ThrowsAsync<AccessDeniedException>(() => Flow.StartAsync(probation, Guid.NewGuid(), meeting.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Flow.NextAsync(probation, Guid.NewGuid(), meeting.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Flow.CloseAsync(probation, Guid.NewGuid(), meeting.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Flow.DeferAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0]));

        var after = await ViewAsync(meeting.Id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(MeetingStatus.Circulated, after.Status);
    }

    [Fact]
    public async Task Next_marks_the_item_heard_and_skips_deferred_ones()
    {
        var meeting = await LiveMeetingAsync(4);
        var chair = await Chair();

        await Flow.DeferAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[1]);
        await Flow.NextAsync(chair, Guid.NewGuid(), meeting.Id);

        var view = await ViewAsync(meeting.Id);
        Assert.Equal(meeting.ItemIds[2], view.CurrentItemId);
        Assert.Equal(ItemProgress.Heard, view.Items[0].Progress);
        Assert.Equal(ItemProgress.Deferred, view.Items[1].Progress);
        Assert.Null(view.Items[0].TimerStartedAt);
    }

    [Fact]
    public async Task The_chair_can_move_to_any_item_and_pause_and_resume_its_timer()
    {
        var meeting = await LiveMeetingAsync(3);
        var chair = await Chair();

        await Flow.MoveToAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[2]);
        await Flow.PauseTimerAsync(chair, Guid.NewGuid(), meeting.Id);
        var paused = (await ViewAsync(meeting.Id)).CurrentItem!;
        Assert.Equal(meeting.ItemIds[2], paused.Id);
        Assert.Null(paused.TimerStartedAt);

        await Flow.StartTimerAsync(chair, Guid.NewGuid(), meeting.Id);
        Assert.NotNull((await ViewAsync(meeting.Id)).CurrentItem!.TimerStartedAt);
    }

    [Fact]
    public async Task Moving_to_an_item_of_another_meeting_is_refused()
    {
        var meeting = await LiveMeetingAsync(2);
        var other = await Server.CreateAsync(1);

        var chair = await Chair();
        await Assert.ThrowsAsync<NotFoundException>(() => Flow.MoveToAsync(chair, Guid.NewGuid(), meeting.Id, other.ItemIds[0]));
    }

    [Fact]
    public async Task Closing_ends_the_meeting_and_the_current_item()
    {
        var meeting = await LiveMeetingAsync(2);

        await Flow.CloseAsync(await Chair(), Guid.NewGuid(), meeting.Id);

        var view = await ViewAsync(meeting.Id);
        Assert.Equal(MeetingStatus.Closed, view.Status);
        Assert.Null(view.CurrentItemId);
        await Assert.ThrowsAsync<DomainRuleException>(async () => await Flow.NextAsync(await Chair(), Guid.NewGuid(), meeting.Id));
    }

    [Fact]
    public async Task A_command_without_its_own_id_is_refused()
    {
        var meeting = await Server.CreateAsync(1);

        await Assert.ThrowsAsync<DomainRuleException>(async () => await Flow.StartAsync(await Chair(), Guid.Empty, meeting.Id));
    }

    [Fact]
    public async Task Managers_do_not_enter_the_live_room()
    {
        var meeting = await Server.CreateAsync(1);

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Live.GetViewAsync(await Manager(), meeting.Id));
    }
}
