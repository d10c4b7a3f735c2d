using System.Text.Json;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.InformationSharing;
using DapPanel.Tests.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace DapPanel.Tests.InformationSharing;

/// <summary>The live room's one shared snapshot, seen through each viewer's tier.</summary>
[Collection(LiveServerCollection.Name)]
public class NeedToKnowLiveTests(TestServer server) : LiveMeetingTestBase(server)
{
    static Case WithVictim(int i) => new CaseBuilder().Named($"Hub Perpetrator {i}").WithVictim($"Rowena Quillfeather{i}").Build();

    [Fact]
    public async Task Two_agencies_connected_to_the_same_meeting_receive_different_victim_fields()
    {
        var meeting = await Server.CreateAsync(2, caseFor: WithVictim);
        await using var idva = await MeetingClient.ConnectAsync(Server, "idva@dappanel.example", DemoLogins.Password);
        await using var housing = await MeetingClient.ConnectAsync(Server, "housing@dappanel.example", DemoLogins.Password);

        var idvaView = await idva.JoinAsync(meeting.Id);
        var housingView = await housing.JoinAsync(meeting.Id);

        Assert.Equal(idvaView.Version, housingView.Version);
        var shared = idvaView.Items[0].Case.Victims;
        Assert.False(shared.IsWithheld);
        Assert.Equal(["Rowena Quillfeather0"], shared.Names);
        var withheld = housingView.Items[0].Case.Victims;
        Assert.True(withheld.IsWithheld);
        Assert.Null(withheld.ChildrenCount);
        Assert.Equal(NeedToKnow.WithheldMarker, withheld.NamesText);
        Assert.Equal(idvaView.Items[0].Case.PerpetratorName, housingView.Items[0].Case.PerpetratorName);
        Assert.DoesNotContain("Quillfeather", JsonSerializer.Serialize(housingView));

        // After a change each still gets their own tier of the rebuilt snapshot.
        var version = await Flow.StartAsync(await Chair(), Guid.NewGuid(), meeting.Id);
        Assert.False((await idva.Connection.InvokeAsync<LiveMeetingView>("GetView", meeting.Id, version)).Items[1].Case.Victims.IsWithheld);
        Assert.True((await housing.Connection.InvokeAsync<LiveMeetingView>("GetView", meeting.Id, version)).Items[1].Case.Victims.IsWithheld);
    }

    [Fact]
    public async Task The_snapshot_is_built_once_and_both_tiers_share_everything_but_the_case_cards()
    {
        var meeting = await LiveMeetingAsync(2, WithVictim);
        var idva = await ViewAsAsync(await Server.DemoAsync("idva@dappanel.example", Role.AgencyMember), meeting.Id);
        var probation = await ViewAsAsync(await Probation(), meeting.Id);

        Assert.Same(idva.Agencies, probation.Agencies);
        Assert.Same(idva.Items[0].Levers, probation.Items[0].Levers);
        Assert.NotSame(idva.Items[0].Case, probation.Items[0].Case);
    }
}
