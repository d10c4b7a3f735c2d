using System.Net;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.ScaleOut;

/// <summary>Two nodes behind one address act as one: same data, same live room, same sign-in.</summary>
[Trait("Category", "Postgres")]
[Trait("Category", "Redis")]
public class TwoNodeTests
{
    const string Password = DemoLogins.Password;

    static async Task<long> AddLeverAsync(MeetingClient client, TestMeeting meeting, Guid agencyId, string description) =>
        await client.Connection.InvokeAsync<long>("AddLever", Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new LeverInput(agencyId, LeverFamily.Engagement, LeverArea.ProbationContact, description));

    static async Task<MeetingChanged> VersionAsync(MeetingClient client, long version, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (true)
        {
            var change = await client.Changes.Reader.ReadAsync(timeout.Token);
            if (change.Version == version) return change;
        }
    }

    [Fact]
    public async Task A_lever_added_through_node_A_reaches_hub_clients_and_circuits_on_node_B_once()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var meeting = await nodes.A.CreateAsync(1);
        var probationId = await nodes.A.AgencyIdAsync(AgencyKind.Probation);
        await using var probationOnA = await MeetingClient.ConnectAsync(nodes.A, "probation@dappanel.example", Password);
        await using var chairOnB = await MeetingClient.ConnectAsync(nodes.B, "chair@dappanel.example", Password);
        await probationOnA.JoinAsync(meeting.Id);
        await chairOnB.JoinAsync(meeting.Id);
        // A circuit on B: it holds B's cached snapshot and listens to B's notifier.
        var chair = await nodes.B.DemoAsync("chair@dappanel.example", Role.Chair);
        var liveOnB = nodes.B.Services.GetRequiredService<ILiveMeetingQueries>();
        Assert.Empty((await liveOnB.GetViewAsync(chair, meeting.Id)).Items[0].Levers);
        var circuitHeard = new TaskCompletionSource<MeetingChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var circuit = nodes.B.Services.GetRequiredService<IMeetingNotifier>().Subscribe(meeting.Id, change =>
        {
            if (change.Kind == "lever-added") circuitHeard.TrySetResult(change);
            return Task.CompletedTask;
        });

        var version = await AddLeverAsync(probationOnA, meeting, probationId, "Licence conditions");

        var change = await VersionAsync(chairOnB, version, TimeSpan.FromSeconds(10));
        Assert.Equal("lever-added", change.Kind);
        var hubView = await chairOnB.Connection.InvokeAsync<LiveMeetingView>("GetView", meeting.Id, change.Version);
        Assert.Equal("Licence conditions", Assert.Single(hubView.Items[0].Levers).Description);
        Assert.Equal(version, (await circuitHeard.Task.WaitAsync(TimeSpan.FromSeconds(10))).Version);
        // Without asking for the version: the snapshot B had cached must have been dropped.
        Assert.Equal("Licence conditions", Assert.Single((await liveOnB.GetViewAsync(chair, meeting.Id)).Items[0].Levers).Description);

        // A change made through node B now passes B's hub bridge after any repeat of the first would have: once it has
        // arrived, a repeat would be in the queue before it.
        var after = await AddLeverAsync(chairOnB, meeting, probationId, "Saved through node B");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (var next = await chairOnB.Changes.Reader.ReadAsync(timeout.Token); next.Version != after;
             next = await chairOnB.Changes.Reader.ReadAsync(timeout.Token))
            Assert.False(next.Version == version, "The hub client on node B was told of the same change twice.");
    }

    [Fact]
    public async Task A_sign_in_on_node_A_is_accepted_by_node_B()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var cookies = await HttpSignIn.SignInAsync(nodes.A.BaseUrl, "chair@dappanel.example", Password);
        using var anonymous = nodes.B.CreateClient();
        using var signedIn = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(nodes.B.BaseUrl),
        };

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/meetings")).StatusCode);
        var page = await signedIn.GetAsync("/meetings");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Croydon DAPP", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task When_node_A_stops_node_B_carries_on_and_A_clients_reconnect_to_B_with_everything_saved()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var meeting = await nodes.A.CreateAsync(1);
        var probationId = await nodes.A.AgencyIdAsync(AgencyKind.Probation);
        var probationCookies = await HttpSignIn.SignInAsync(nodes.A.BaseUrl, "probation@dappanel.example", Password);
        var probationOnA = await MeetingClient.ConnectAsync(nodes.A, probationCookies);
        await using var chairOnB = await MeetingClient.ConnectAsync(nodes.B, "chair@dappanel.example", Password);
        await probationOnA.JoinAsync(meeting.Id);
        await chairOnB.JoinAsync(meeting.Id);
        var first = await AddLeverAsync(probationOnA, meeting, probationId, "Saved through node A");
        await VersionAsync(chairOnB, first, TimeSpan.FromSeconds(10));

        await nodes.StopAAsync();
        await probationOnA.DisposeAsync();

        var second = await AddLeverAsync(chairOnB, meeting, probationId, "Saved through node B after A stopped");
        await using var probationOnB = await MeetingClient.ConnectAsync(nodes.B, probationCookies);
        var view = await probationOnB.JoinAsync(meeting.Id);

        Assert.Equal(["Saved through node A", "Saved through node B after A stopped"],
            view.Items[0].Levers.Select(l => l.Description).Order());
        Assert.True(view.Version >= second);
        var story = await probationOnB.Connection.InvokeAsync<IReadOnlyList<ChangeEntry>>("ChangesSince", meeting.Id, 0L);
        Assert.Contains(story, c => c.Version == first);
        Assert.Contains(story, c => c.Version == second);
        var third = await AddLeverAsync(probationOnB, meeting, probationId, "Saved through node B by the reconnected client");
        await VersionAsync(chairOnB, third, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task While_Redis_is_away_the_nodes_serve_and_say_they_are_not_ready_then_updates_resume()
    {
        await using var redis = await RedisProcess.StartAsync();
        await using var nodes = await TwoNodes.StartAsync(redis.Configuration);
        using var httpA = nodes.A.CreateClient();
        using var httpB = nodes.B.CreateClient();
        var meeting = await nodes.A.CreateAsync(1);
        var probationId = await nodes.A.AgencyIdAsync(AgencyKind.Probation);
        await using var probationOnA = await MeetingClient.ConnectAsync(nodes.A, "probation@dappanel.example", Password);
        await using var chairOnB = await MeetingClient.ConnectAsync(nodes.B, "chair@dappanel.example", Password);
        await probationOnA.JoinAsync(meeting.Id);
        await chairOnB.JoinAsync(meeting.Id);
        await UntilStatusAsync(httpA, HttpStatusCode.OK);
        await VersionAsync(chairOnB, await AddLeverAsync(probationOnA, meeting, probationId, "Before"), TimeSpan.FromSeconds(10));

        await redis.StopAsync();

        await UntilStatusAsync(httpA, HttpStatusCode.ServiceUnavailable);
        await UntilStatusAsync(httpB, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await httpA.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await httpB.GetAsync("/health")).StatusCode);
        var during = await AddLeverAsync(probationOnA, meeting, probationId, "During");
        var chair = await nodes.B.DemoAsync("chair@dappanel.example", Role.Chair);
        var seenOnB = await nodes.B.Services.GetRequiredService<ILiveMeetingQueries>().GetViewAsync(chair, meeting.Id, during);
        Assert.Contains(seenOnB.Items[0].Levers, l => l.Description == "During");

        await redis.StartAgainAsync();

        await UntilStatusAsync(httpA, HttpStatusCode.OK);
        await UntilStatusAsync(httpB, HttpStatusCode.OK);
        // Each node's two connections (notifier, backplane) reconnect on their own: allow a few tries.
        for (var attempt = 1; ; attempt++)
        {
            var after = await AddLeverAsync(probationOnA, meeting, probationId, $"After, try {attempt}");
            try
            {
                await VersionAsync(chairOnB, after, TimeSpan.FromSeconds(10));
                return;
            }
            catch (OperationCanceledException) when (attempt < 4) { }
        }
    }

    static async Task UntilStatusAsync(HttpClient node, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode last;
        do
        {
            last = (await node.GetAsync("/health/ready")).StatusCode;
            if (last == expected) return;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"/health/ready stayed {last}, expected {expected}.");
    }
}
