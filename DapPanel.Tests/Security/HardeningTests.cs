using System.Net;
using System.Net.WebSockets;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.Security;

[Collection(DemoServerCollection.Name)]
public class HardeningTests(TestServer server)
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health")]
    [InlineData("/meetings")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = server.CreateClient();

        var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    /// <summary>
    /// A mistyped or stale address, signed in or not, is answered with the app's Not found page (and its 404), not an
    /// empty response the browser shows as its own error.
    /// </summary>
    [Theory]
    [InlineData(null, "/no-such-page")]
    [InlineData("probation@dappanel.example", "/no-such-page")]
    [InlineData("chair@dappanel.example", "/meetings/not-a-meeting")]
    public async Task An_address_that_does_not_exist_is_answered_with_the_not_found_page(string? email, string path)
    {
        using var client = email is null ? server.CreateClient() : await server.SignedInClientAsync(email);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept", "text/html");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is nothing at this address.", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string, string> Downloads() => new()
    {
        { "chair@dappanel.example", "/meetings/{closed}/minutes.pdf" },
        { "chair@dappanel.example", "/meetings/{closed}/actions.pdf" },
        { "probation@dappanel.example", "/meetings/{upcoming}/case-list.pdf" },
        { "admin@dappanel.example", "/audit.csv?from=2026-01-01&to=2026-12-31" },
        { "manager@dappanel.example", "/insight/attendance.csv?panel={panel}&from=2026-01-01&to=2026-11-30" },
        { "chair@dappanel.example", "/cases" },
    };

    [Theory]
    [MemberData(nameof(Downloads))]
    public async Task Downloads_and_pages_with_case_detail_are_never_kept_by_a_browser_or_proxy(string email, string path)
    {
        using var client = await server.SignedInClientAsync(email);
        var meetings = await server.ReadAsync(async db => new
        {
            Closed = await db.Meetings.Where(m => m.Status == MeetingStatus.Closed).OrderByDescending(m => m.StartsAt).Select(m => m.Id).FirstAsync(),
            Upcoming = await db.Meetings.Where(m => m.Status == MeetingStatus.Circulated).OrderBy(m => m.StartsAt).Select(m => m.Id).FirstAsync(),
            Panel = await db.Panels.Select(p => p.Id).FirstAsync(),
        });

        var response = await client.GetAsync(path.Replace("{closed}", meetings.Closed.ToString()).Replace("{upcoming}", meetings.Upcoming.ToString())
            .Replace("{panel}", meetings.Panel.ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be cached: {response.Headers.CacheControl}");
        Assert.False(response.Headers.Contains("Server"), "The server announces itself.");
    }

    [Fact]
    public async Task A_websocket_from_another_site_is_refused()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", "https://attacker.example");

        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri(server.BaseUrl.Replace("http", "ws") + "/hubs/meeting"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Fact]
    public async Task A_websocket_from_this_site_is_not_refused_for_its_origin()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", server.BaseUrl);

        await Assert.ThrowsAsync<WebSocketException>(() =>
            socket.ConnectAsync(new Uri(server.BaseUrl.Replace("http", "ws") + "/hubs/meeting"), CancellationToken.None));

        // Still refused without a sign-in, but by authentication, not by the origin check.
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }
}
