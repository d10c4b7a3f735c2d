using System.Net;
using System.Text.RegularExpressions;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.ProviderSignIn;

/// <summary>
/// A deployment that turned passwords off for the provider's agency, whose provider is down: nothing signs in through
/// it, the person is told so, and other agencies keep their passwords.
/// </summary>
public partial class ProviderSettingsTests : IAsyncLifetime
{
    readonly TestServer server = new()
    {
        Configure = builder =>
        {
            builder.Configuration["SignIn:PasswordsForProviderAgencies"] = "false";
            // Nothing listens on the discard port: the provider is down.
            ProviderSignInServer.UseProvider(builder.Configuration, "http://localhost:9/");
        },
    };

    public Task InitializeAsync() => server.InitializeAsync();
    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task A_provider_that_does_not_answer_gets_a_clear_page_and_an_audit_entry()
    {
        using var client = server.CreateClient();
        var token = Token(await client.GetStringAsync("/account/login"));

        var response = await client.PostAsync($"/account/external/{ProviderSignInServer.ProviderName}", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/sign-in-failed?provider={ProviderSignInServer.ProviderName}&problem=unreachable",
            response.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("Northshire ID did not answer", page);
        Assert.True(await server.ReadAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SignInFailed
            && e.Summary.Contains("could not start: the provider did not answer"))));
    }

    [Fact]
    public async Task With_passwords_off_the_providers_agency_is_sent_to_it_and_other_agencies_keep_their_passwords()
    {
        var (_, email) = await server.AddAsync(Role.AgencyMember, $"officer-{Guid.NewGuid():N}@{ProviderSignInServer.EmailDomain}");

        var refused = await PasswordSignInAsync(email, TestPeople.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Staff of your agency sign in with Northshire ID", await refused.Content.ReadAsStringAsync());
        // A wrong password learns nothing about the agency's provider.
        var wrong = await PasswordSignInAsync(email, "not-the-password-at-all");
        Assert.DoesNotContain("Northshire ID: use the button", await wrong.Content.ReadAsStringAsync());

        // The chair's agency has no provider: a password still signs in.
        var chair = await PasswordSignInAsync("chair@dappanel.example", Core.Demo.DemoLogins.Password);
        Assert.Equal(HttpStatusCode.Redirect, chair.StatusCode);
        Assert.Contains("or, for other agencies, with a DapPanel password", await server.CreateClient().GetStringAsync("/account/login"));
    }

    async Task<HttpResponseMessage> PasswordSignInAsync(string email, string password)
    {
        var client = server.CreateClient();
        var token = Token(await client.GetStringAsync("/account/login"));
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        }));
    }

    static string Token(string html) => WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
