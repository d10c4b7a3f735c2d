using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>
/// What a room holds on the server (its snapshot, its seats, its notifier topic) is let go when the meeting closes and
/// nobody has it open: a year of meetings does not grow the server's memory. Alone on the machine, so the heap it
/// measures is its own.
/// </summary>
[Collection(RoomCachesCollection.Name)]
[Trait("Category", "Slow")]
public class RoomCachesTests(TestServer server, ITestOutputHelper output) : LiveMeetingTestBase(server)
{
    const int Meetings = 200;
    /// <summary>As many cases as one observed panel heard: a snapshot the size of a real meeting's.</summary>
    const int Cases = 17;

    LiveMeetingReadModel ReadModel => Server.Services.GetRequiredService<LiveMeetingReadModel>();
    MeetingPresence Presence => Server.Services.GetRequiredService<MeetingPresence>();
    InProcessMeetingNotifier Notifier => (InProcessMeetingNotifier)Server.Services.GetRequiredService<IMeetingNotifier>();

    [Fact]
    public async Task A_room_lets_go_of_its_snapshot_seats_and_topic_when_its_last_person_leaves()
    {
        var (snapshots, rooms, topics) = (ReadModel.Held, Presence.OpenRooms, Notifier.Topics);

        await HoldMeetingAsync(await Server.CreateAsync(2), hub: null);

        Assert.Equal((snapshots, rooms, topics), (ReadModel.Held, Presence.OpenRooms, Notifier.Topics));
    }

    [Fact]
    public async Task After_two_hundred_meetings_the_heap_is_back_within_ten_percent_of_its_level_after_the_first()
    {
        var cookies = await HttpSignIn.SignInAsync(Server.BaseUrl, "housing@dappanel.example", DemoLogins.Password);
        var meetings = new List<TestMeeting>();
        for (var i = 0; i < Meetings; i++) meetings.Add(await Server.CreateAsync(Cases));
        var held = (ReadModel.Held, Presence.OpenRooms, Notifier.Topics);

        long afterFirst = 0;
        for (var i = 0; i < Meetings; i++)
        {
            await using (var hub = await MeetingClient.ConnectAsync(Server, cookies))
                await HoldMeetingAsync(meetings[i], hub);
            if (i == 0) afterFirst = Heap();
        }
        var afterAll = Heap();

        output.WriteLine($"Managed heap after the first meeting {afterFirst / 1024} KB, after {Meetings}: {afterAll / 1024} KB");
        Assert.True(afterAll <= afterFirst * 1.10,
            $"The heap grew from {afterFirst / 1024} KB after the first meeting to {afterAll / 1024} KB after {Meetings}.");
        Assert.Equal(held, (ReadModel.Held, Presence.OpenRooms, Notifier.Topics));
    }

    /// <summary>Opens the room for a chair's page and an agency (by the hub when given), runs the meeting, closes it, leaves.</summary>
    async Task HoldMeetingAsync(TestMeeting meeting, MeetingClient? hub)
    {
        var chair = await Chair();
        var probation = await Probation();
        var chairSeat = "circuit:" + Guid.NewGuid();
        var probationSeat = "circuit:" + Guid.NewGuid();
        // Subscribers are told from the thread pool: the first notice may arrive after the commands have returned.
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (Notifier.Subscribe(meeting.Id, _ => { told.TrySetResult(); return Task.CompletedTask; }))
        {
            await ViewAsAsync(chair, meeting.Id);
            await ViewAsAsync(probation, meeting.Id);
            await Live.JoinAsync(chair, meeting.Id, chairSeat);
            await Live.JoinAsync(probation, meeting.Id, probationSeat);
            if (hub is not null) await hub.JoinAsync(meeting.Id);

            await Flow.StartAsync(chair, Guid.NewGuid(), meeting.Id);
            await Levers.AddAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
                new LeverInput(probation.AgencyId, LeverFamily.Support, LeverArea.Housing, "Tenancy support"));
            await Live.GetViewAsync(probation, meeting.Id);
            await Decisions.RecordAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
                new DecisionInput(DecisionOutcome.Accept, "Eligible"), null);
            await Flow.NextAsync(chair, Guid.NewGuid(), meeting.Id);
            await Live.GetViewAsync(chair, meeting.Id);
            await Flow.CloseAsync(chair, Guid.NewGuid(), meeting.Id);
            Assert.True(await Task.WhenAny(told.Task, Task.Delay(TimeSpan.FromSeconds(30))) == told.Task,
                "The room was never told of its changes.");

            if (hub is not null) await hub.Connection.InvokeAsync("LeaveMeeting", meeting.Id);
            await Live.LeaveAsync(meeting.Id, probationSeat);
            await Live.LeaveAsync(meeting.Id, chairSeat);
        }
    }

    static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>Runs alone (no other test allocates meanwhile), on a server of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RoomCachesCollection : ICollectionFixture<TestServer>
{
    public const string Name = "Room caches";
}
