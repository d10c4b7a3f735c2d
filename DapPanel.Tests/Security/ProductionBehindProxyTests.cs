using System.Net;
using DapPanel.Core.Demo;
using DapPanel.Tests.Support;
using Microsoft.Extensions.Hosting;

namespace DapPanel.Tests.Security;

/// <summary>
/// The app as deployed: Production, TLS ended at a reverse proxy on the same machine that says so in
/// X-Forwarded-Proto. Cookies only travel over HTTPS, HSTS is sent, redirects stay on https, nothing is cached and
/// the server does not announce itself; a proxy that is not configured is not believed.
/// </summary>
public sealed class ProductionBehindProxyTests : IAsyncLifetime
{
    readonly TestServer server = new() { Configure = Production() };
    readonly TestServer untrusted = new()
    {
        Configure = builder =>
        {
            Production()(builder);
            builder.Configuration["ForwardedHeaders:KnownProxies:0"] = "10.1.2.3";
            builder.Configuration["ForwardedHeaders:KnownProxies:1"] = "10.1.2.4";
        },
    };

    static Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder> Production() => builder =>
    {
        builder.Environment.EnvironmentName = Environments.Production;
        builder.Configuration["Demo:SeedOnFirstRun"] = "true";
        builder.Configuration["Demo:AllowInProduction"] = "true";
    };

    [Fact]
    public async Task The_sign_in_page_over_the_proxy_sets_only_secure_cookies_and_sends_hsts()
    {
        using var proxy = new ProxiedClient(server.BaseUrl);

        var response = await proxy.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts);
        Assert.Contains("includeSubDomains", hsts);
        Assert.False(response.Headers.Contains("Server"), "The server announces itself.");
        Assert.True(response.Headers.CacheControl?.NoStore, "The page may be kept by a browser or proxy.");
        var antiforgery = Assert.Single(ProxiedClient.SetCookies(response), c => c.StartsWith(".AspNetCore.Antiforgery"));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_in_over_the_proxy_issues_a_secure_cookie_and_redirects_on_https()
    {
        using var proxy = new ProxiedClient(server.BaseUrl);

        var response = await proxy.SignInAsync("chair@dappanel.example", DemoLogins.Password);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var auth = Assert.Single(ProxiedClient.SetCookies(response), c => c.StartsWith("DapPanel.Auth="));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", auth, StringComparison.OrdinalIgnoreCase);
        AssertHttps(response.Headers.Location);
        // Two-factor sign-in is required outside Development: the next stop is enrolment, still on https.
        var next = await proxy.GetAsync("/meetings");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        AssertHttps(next.Headers.Location);
        Assert.Contains("/account/two-factor", next.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_page_asked_for_without_a_sign_in_redirects_to_sign_in_on_https()
    {
        using var proxy = new ProxiedClient(server.BaseUrl);

        var response = await proxy.GetAsync("/meetings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        AssertHttps(response.Headers.Location);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Plain_http_to_the_app_is_sent_to_https_but_a_health_probe_is_answered()
    {
        using var client = server.CreateClient();

        var page = await client.GetAsync("/account/login");
        var health = await client.GetAsync("/health/live");

        Assert.True(page.StatusCode is HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect,
            $"Plain http answered {(int)page.StatusCode}");
        AssertHttps(page.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_proxy_that_is_not_configured_is_not_believed()
    {
        using var proxy = new ProxiedClient(untrusted.BaseUrl);

        var response = await proxy.GetAsync("/account/login");

        // Still plain http to the app: sent to https rather than served as if it had arrived over TLS.
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        AssertHttps(response.Headers.Location);
    }

    static void AssertHttps(Uri? location)
    {
        Assert.NotNull(location);
        Assert.True(!location.IsAbsoluteUri || location.Scheme == "https", $"Redirected to {location}");
    }

    public async Task InitializeAsync() => await Task.WhenAll(server.InitializeAsync(), untrusted.InitializeAsync());

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await untrusted.DisposeAsync();
    }
}
