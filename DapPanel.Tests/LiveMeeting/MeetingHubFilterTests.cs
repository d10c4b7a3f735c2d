using DapPanel.App.Hubs;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>
/// What the meeting hub tells its callers and writes to the operator's log: a refusal is Information without a stack
/// trace, a fault is an Error with one; a caller is told why an argument or a message was refused, never the server's insides.
/// </summary>
public class MeetingHubFilterTests(MeetingHubFilterTests.LoggedServer logged) : IClassFixture<MeetingHubFilterTests.LoggedServer>
{
    /// <summary>A demo server logging as in production (Information and up, the same filters), whose levers board fails on a word.</summary>
    public sealed class LoggedServer : IAsyncLifetime
    {
        public const string FaultWord = "make-the-server-fail";
        public CapturedLogs Logs { get; } = new();
        public TestServer Server { get; }

        public LoggedServer() => Server = new TestServer
        {
            Configure = builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Information);
                builder.Logging.AddProvider(Logs);
                // Innermost, after the app's own filter: a fault inside the hub method, as a broken database would give.
                builder.Services.PostConfigure<HubOptions<MeetingHub>>(hub => hub.AddFilter(new FailingOnWord()));
            },
        };

        public Task InitializeAsync() => Server.InitializeAsync();
        public Task DisposeAsync() => Server.DisposeAsync();
    }

    /// <summary>Fails any call carrying the word, with a message naming the server's insides.</summary>
    sealed class FailingOnWord : IHubFilter
    {
        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next) =>
            invocationContext.HubMethodArguments.OfType<LeverInput>().Any(l => l.Description == LoggedServer.FaultWord)
                ? throw new InvalidOperationException("Connection string Data Source=/secret/path.db is broken")
                : next(invocationContext);
    }

    TestServer Server => logged.Server;

    IReadOnlyList<CapturedLogs.Entry> Since(int count) => logged.Logs.Entries.Skip(count).ToList();

    async Task<(MeetingClient Client, TestMeeting Meeting, Guid Agency)> JoinedAsync()
    {
        var meeting = await Server.CreateAsync(1);
        var client = await MeetingClient.ConnectAsync(Server, "probation@dappanel.example", DemoLogins.Password);
        await client.JoinAsync(meeting.Id);
        return (client, meeting, await Server.AgencyIdAsync(AgencyKind.Probation));
    }

    [Fact]
    public async Task A_refusal_is_logged_at_information_without_a_stack_trace_and_never_as_an_error()
    {
        var (client, meeting, agency) = await JoinedAsync();
        await using var _ = client;
        var before = logged.Logs.Entries.Count;

        for (var i = 0; i < 20; i++)
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<long>("AddLever", Guid.NewGuid(),
                meeting.Id, meeting.ItemIds[0], new LeverInput(agency, LeverFamily.Support, LeverArea.Housing, "   ")));
            Assert.Contains("Enter the description of what your agency holds.", refusal.Message);
        }

        var entries = Since(before);
        var refused = entries.Where(e => e.Category == typeof(MeetingHubFilter).FullName && e.Message.StartsWith("Refused AddLever")).ToList();
        Assert.Equal(20, refused.Count);
        Assert.All(refused, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.All(refused, e => Assert.DoesNotContain("   at ", e.Message));
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_fault_is_logged_as_an_error_with_its_stack_and_the_caller_is_told_nothing_of_the_server()
    {
        var (client, meeting, agency) = await JoinedAsync();
        await using var _ = client;
        var before = logged.Logs.Entries.Count;

        var failure = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<long>("AddLever", Guid.NewGuid(),
            meeting.Id, meeting.ItemIds[0], new LeverInput(agency, LeverFamily.Support, LeverArea.Housing, LoggedServer.FaultWord)));

        Assert.Contains("The server could not complete this. Nothing was changed by it", failure.Message);
        Assert.DoesNotContain("secret", failure.Message);
        Assert.Null(HubRefusal.MessageOf(failure)); // a fault, not a refusal
        var fault = Assert.Single(Since(before), e => e.Level == LogLevel.Error);
        Assert.Contains("AddLever failed", fault.Message);
        Assert.Contains("/secret/path.db", fault.Message);
        Assert.Contains("   at ", fault.Message);
    }

    [Fact]
    public async Task Arguments_that_cannot_be_read_are_refused_with_a_reason()
    {
        var (client, meeting, _) = await JoinedAsync();
        await using var _ = client;
        var before = logged.Logs.Entries.Count;

        var refusal = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<long>("AddLever", "not-a-guid",
            meeting.Id, meeting.ItemIds[0], 42));

        Assert.Contains("Error binding arguments", refusal.Message);
        Assert.DoesNotContain(Since(before), e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_message_over_the_limit_closes_the_connection_and_says_why()
    {
        var (client, meeting, agency) = await JoinedAsync();
        await using var _ = client;
        var closed = new TaskCompletionSource<Exception?>();
        client.Connection.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };

        var oversized = new string('x', MeetingHubLimits.MaximumReceiveMessageSize + 1);
        await Assert.ThrowsAnyAsync<Exception>(() => client.Connection.InvokeAsync<long>("AddLever", Guid.NewGuid(), meeting.Id,
            meeting.ItemIds[0], new LeverInput(agency, LeverFamily.Support, LeverArea.Housing, oversized)));

        var reason = await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(reason);
        Assert.Contains("maximum message size of 32768B was exceeded", reason.Message);
    }
}
