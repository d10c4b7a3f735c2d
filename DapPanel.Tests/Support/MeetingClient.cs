using System.Net;
using System.Threading.Channels;
using DapPanel.App.Hubs;
using DapPanel.Core.LiveMeeting;
using Microsoft.AspNetCore.SignalR.Client;

namespace DapPanel.Tests.Support;

/// <summary>An authenticated hub client that records every change it is told about.</summary>
public sealed class MeetingClient : IAsyncDisposable
{
    public HubConnection Connection { get; }
    public Channel<MeetingChanged> Changes { get; } = Channel.CreateUnbounded<MeetingChanged>();

    MeetingClient(HubConnection connection)
    {
        Connection = connection;
        Connection.On<MeetingChanged>(MeetingHub.ChangedEvent, change => Changes.Writer.TryWrite(change));
    }

    public static async Task<MeetingClient> ConnectAsync(TestServer server, string email, string password) =>
        await ConnectAsync(server, await HttpSignIn.SignInAsync(server.BaseUrl, email, password));

    /// <summary>With a sign-in cookie already held, perhaps issued by another node.</summary>
    public static async Task<MeetingClient> ConnectAsync(TestServer server, CookieContainer cookies)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(server.BaseUrl + MeetingHub.Path, options => options.Cookies = cookies)
            .Build();
        var client = new MeetingClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Acknowledges the confidentiality statement, as every attendee must, then joins the meeting.</summary>
    public async Task<LiveMeetingView> JoinAsync(Guid meetingId)
    {
        await Connection.InvokeAsync("AcknowledgeConfidentiality", meetingId);
        return await Connection.InvokeAsync<LiveMeetingView>("JoinMeeting", meetingId);
    }

    /// <summary>Waits for a change of this kind; fails the test after a few seconds.</summary>
    public async Task<MeetingChanged> NextAsync(string kind, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var change = await Changes.Reader.ReadAsync(timeout.Token);
            if (change.Kind == kind) return change;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
