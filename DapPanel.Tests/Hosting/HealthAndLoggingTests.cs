using System.Net;
using DapPanel.App.Hosting;
using DapPanel.Core.Demo;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DapPanel.Tests.Hosting;

[Collection(DemoServerCollection.Name)]
public class HealthAndLoggingTests(TestServer server)
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task One_node_with_its_sqlite_file_is_live_and_ready_to_anyone_who_asks(string path)
    {
        using var client = server.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Without_Redis_live_updates_stay_in_the_process()
    {
        Assert.IsType<InProcessMeetingNotifier>(server.Services.GetRequiredService<IMeetingNotifier>());
    }

    [Fact]
    public async Task A_plain_correlation_id_from_the_proxy_is_kept_and_anything_else_is_replaced()
    {
        using var client = server.CreateClient();
        using var given = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { { CorrelationLogging.Header, "proxy-42.a_b" } } };
        using var hostile = new HttpRequestMessage(HttpMethod.Get, "/health/live") { Headers = { { CorrelationLogging.Header, "x\" onload=alert(1)" } } };

        var kept = (await client.SendAsync(given)).Headers.GetValues(CorrelationLogging.Header).Single();
        var replaced = (await client.SendAsync(hostile)).Headers.GetValues(CorrelationLogging.Header).Single();

        Assert.Equal("proxy-42.a_b", kept);
        Assert.Matches("^[0-9a-f]{32}$", replaced);
    }
}

public class CorrelatedLogTests : IAsyncLifetime
{
    readonly CapturedLogs logs = new();
    readonly TestServer server;

    public CorrelatedLogTests() => server = new TestServer
    {
        Configure = builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
        },
    };

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task Every_entry_of_a_request_carries_its_correlation_id_and_no_entry_names_the_person()
    {
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready") { Headers = { { CorrelationLogging.Header, "trace-me-7" } } };
        await client.SendAsync(request);
        await HttpSignIn.SignInAsync(server.BaseUrl, "chair@dappanel.example", DemoLogins.Password);

        var traced = logs.Entries.Where(e => e.Scope.GetValueOrDefault(CorrelationLogging.RequestScope) == "trace-me-7").ToList();
        Assert.Contains(traced, e => e.Category.StartsWith("Microsoft.AspNetCore.Routing"));
        Assert.Contains(traced, e => e.Category.StartsWith("Microsoft.Extensions.Diagnostics.HealthChecks"));
        // The operator's console prints scopes as text: the id must be readable there too.
        Assert.All(traced, e => Assert.Contains($"{CorrelationLogging.RequestScope}:trace-me-7", e.ScopeText));
        var operatorView = logs.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.NotEmpty(operatorView);
        Assert.DoesNotContain(operatorView, e => e.Message.Contains("chair@dappanel.example", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("Sam Kestrel", StringComparison.Ordinal) || e.Message.Contains(DemoLogins.Password, StringComparison.Ordinal));
    }
}
