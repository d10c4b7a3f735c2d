using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DapPanel.Tests.LiveMeeting;

[Collection(LiveServerCollection.Name)]
public class MeetingHubTests(TestServer server) : LiveMeetingTestBase(server)
{
    Task<MeetingClient> Connect(string email) => MeetingClient.ConnectAsync(Server, email, DemoLogins.Password);

    [Fact]
    public async Task One_client_acts_and_every_other_client_in_the_meeting_is_told()
    {
        var meeting = await Server.CreateAsync(2);
        await using var probation = await Connect("probation@dappanel.example");
        await using var chair = await Connect("chair@dappanel.example");
        await using var idva = await Connect("idva@dappanel.example");
        foreach (var client in new[] { probation, chair, idva })
            await client.JoinAsync(meeting.Id);

        var probationId = await Server.AgencyIdAsync(AgencyKind.Probation);
        var version = await probation.Connection.InvokeAsync<long>("AddLever", Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new LeverInput(probationId, LeverFamily.Engagement, LeverArea.ProbationContact, "Licence conditions"));

        foreach (var watcher in new[] { chair, idva })
        {
            var change = await watcher.NextAsync("lever-added");
            Assert.Equal(version, change.Version);
            var view = await watcher.Connection.InvokeAsync<LiveMeetingView>("GetView", meeting.Id, change.Version);
            Assert.Equal("Licence conditions", Assert.Single(view.Items[0].Levers).Description);
        }
    }

    [Fact]
    public async Task Joining_shows_the_person_present_to_the_others()
    {
        var meeting = await Server.CreateAsync(1);
        await using var chair = await Connect("chair@dappanel.example");
        await chair.JoinAsync(meeting.Id);
        await using var housing = await Connect("housing@dappanel.example");

        await housing.JoinAsync(meeting.Id);

        var change = await chair.NextAsync("presence");
        var view = await chair.Connection.InvokeAsync<LiveMeetingView>("GetView", meeting.Id, change.Version);
        Assert.Contains(view.Present, p => p.FullName == "Jamie Starling" && p.AgencyName == "Housing Needs");
    }

    [Fact]
    public async Task An_unauthorized_client_is_refused_and_the_meeting_goes_on()
    {
        var meeting = await Server.CreateAsync(1);
        await using var chair = await Connect("chair@dappanel.example");
        await chair.JoinAsync(meeting.Id);
        await using var housing = await Connect("housing@dappanel.example");
        await housing.JoinAsync(meeting.Id);
        await using var manager = await Connect("manager@dappanel.example");

        var notChair = await Assert.ThrowsAsync<HubException>(() =>
            housing.Connection.InvokeAsync<long>("StartMeeting", Guid.NewGuid(), meeting.Id));
        var notMember = await Assert.ThrowsAsync<HubException>(() =>
            manager.Connection.InvokeAsync<LiveMeetingView>("JoinMeeting", meeting.Id));
        var badInput = await Assert.ThrowsAsync<HubException>(() => housing.Connection.InvokeAsync<long>("AddLever",
            Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], new LeverInput(Guid.NewGuid(), (LeverFamily)42, LeverArea.Housing, "x")));

        Assert.Contains("chairs", notChair.Message);
        Assert.Contains("join this meeting", notMember.Message);
        Assert.Contains("not a known lever family", badInput.Message);
        await chair.Connection.InvokeAsync<long>("StartMeeting", Guid.NewGuid(), meeting.Id);
        Assert.Equal(MeetingStatus.Live, (await ViewAsync(meeting.Id)).Status);
    }

    [Fact]
    public async Task Anonymous_clients_cannot_connect()
    {
        var connection = new HubConnectionBuilder().WithUrl(Server.BaseUrl + "/hubs/meeting").Build();

        await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task A_client_that_reconnects_catches_up_with_what_changed_while_it_was_away()
    {
        var meeting = await LiveMeetingAsync(1);
        await using var idva = await Connect("idva@dappanel.example");
        var before = await idva.JoinAsync(meeting.Id);
        await idva.Connection.StopAsync();

        await Decisions.RecordAsync(await Chair(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new DecisionInput(DecisionOutcome.Accept, "Decided while the IDVA was offline"), null);

        await idva.Connection.StartAsync();
        var after = await idva.JoinAsync(meeting.Id);
        var missed = await idva.Connection.InvokeAsync<List<ChangeEntry>>("ChangesSince", meeting.Id, before.Version);
        Assert.Equal("Decided while the IDVA was offline", after.Items[0].Decision!.Rationale);
        Assert.Contains(missed, c => c.Kind == "decision");
    }

    [Fact]
    public async Task A_retried_hub_command_after_a_reconnect_is_applied_once()
    {
        var meeting = await Server.CreateAsync(1);
        await using var probation = await Connect("probation@dappanel.example");
        var commandId = Guid.NewGuid();
        var lever = new LeverInput(await Server.AgencyIdAsync(AgencyKind.Probation), LeverFamily.Support, LeverArea.Housing, "Retry me");

        await probation.Connection.InvokeAsync<long>("AddLever", commandId, meeting.Id, meeting.ItemIds[0], lever);
        await probation.Connection.StopAsync();
        await probation.Connection.StartAsync();
        await probation.Connection.InvokeAsync<long>("AddLever", commandId, meeting.Id, meeting.ItemIds[0], lever);

        Assert.Single((await ViewAsync(meeting.Id)).Items[0].Levers);
    }
}
