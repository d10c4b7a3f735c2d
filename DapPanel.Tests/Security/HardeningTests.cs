using System.Net;
using System.Net.WebSockets;
using DapPanel.Tests.Support;

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
