using System.Net;
using System.Reflection;
using DapPanel.App.Hosting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace DapPanel.Tests.Security;

[Collection(DemoServerCollection.Name)]
public class AnonymousAccessTests(TestServer server)
{
    static readonly string[] OpenToEveryone =
    [
        "/account/login", "/account/login-code", "/account/access-denied", "/not-found", "/error",
        // The one-time setup address creates the first administrator, and says so plainly when its token does not work.
        "/setup/first-administrator",
        // Where a sign-in through an agency's provider ends when it leads to no session.
        "/account/not-a-member", "/account/sign-in-failed",
    ];

    /// <summary>Every routable page in the app, found by reflection so a new page cannot escape the check.</summary>
    public static TheoryData<string> PageRoutes()
    {
        var data = new TheoryData<string>();
        foreach (var route in ProtectedRoutes()) data.Add(route);
        return data;
    }

    static List<string> ProtectedRoutes() =>
        typeof(DapPanelHost).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (Type: t, r.Template)))
            .Where(r => !OpenToEveryone.Contains(r.Template))
            .Select(r => FillParameters(r.Template))
            .Distinct()
            .ToList();

    static string FillParameters(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{[^}]+\}", Guid.NewGuid().ToString());

    [Fact]
    public void The_route_list_finds_the_pages()
    {
        var routes = ProtectedRoutes();
        Assert.Contains("/", routes);
        Assert.Contains("/meetings", routes);
        Assert.Contains(routes, r => r.StartsWith("/cases/"));
    }

    [Theory]
    [MemberData(nameof(PageRoutes))]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string route)
    {
        using var client = server.CreateClient();

        var response = await client.GetAsync(route);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("DAPP-", body);
    }

    [Fact]
    public void Every_page_except_the_open_ones_demands_a_signed_in_user()
    {
        var pages = typeof(DapPanelHost).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<RouteAttribute>().Any());
        foreach (var page in pages)
        {
            var open = page.GetCustomAttributes<RouteAttribute>().Any(r => OpenToEveryone.Contains(r.Template));
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            Assert.True(open == anonymous, $"{page.Name}: only the sign-in, sign-in outcome and error pages may allow anonymous visitors");
            if (!open) Assert.NotEmpty(page.GetCustomAttributes<AuthorizeAttribute>());
        }
    }

    [Fact]
    public async Task Health_reports_the_database_reachable()
    {
        using var client = server.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_out_needs_a_signed_in_user()
    {
        using var client = server.CreateClient();

        var response = await client.PostAsync("/account/logout", null);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
