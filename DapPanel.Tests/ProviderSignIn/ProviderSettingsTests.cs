using System.Net;
using System.Text.RegularExpressions;
using DapPanel.Core.Administration;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task An_administrator_cannot_give_a_first_password_to_someone_who_signs_in_only_through_their_provider()
    {
        var admin = await TestPeople.AdministratorAsync(server);
        var people = server.Services.GetRequiredService<IPeopleAdministration>();
        var (officer, _) = await server.AddAsync(Role.AgencyMember, $"officer-{Guid.NewGuid():N}@{ProviderSignInServer.EmailDomain}");
        var (housingOfficer, _) = await server.AddAsync(Role.AgencyMember, $"housing-{Guid.NewGuid():N}@housing.example");
        var housing = await server.AgencyIdAsync(AgencyKind.Housing);
        await server.ReadAsync(db => db.People.Where(p => p.Id == housingOfficer).ExecuteUpdateAsync(p => p.SetProperty(x => x.AgencyId, housing)));
        // Both imported from a list: a sign-in with no password yet.
        await server.ReadAsync(db => db.Users.Where(u => u.PersonId == officer || u.PersonId == housingOfficer)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.PasswordHash, (string?)null)));

        var version = await TestPeople.VersionAsync(server, officer);
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => people.SetFirstPasswordAsync(admin, officer, "First-password-2027", version));
        Assert.Contains($"signs in only with {ProviderSignInServer.Agency}'s own account", refused.Message);
        Assert.Null(await server.ReadAsync(db => db.Users.Where(u => u.PersonId == officer).Select(u => u.PasswordHash).SingleAsync()));

        // Another agency has no provider: its people still get a first password.
        await people.SetFirstPasswordAsync(admin, housingOfficer, "First-password-2027", await TestPeople.VersionAsync(server, housingOfficer));
        Assert.NotNull(await server.ReadAsync(db => db.Users.Where(u => u.PersonId == housingOfficer).Select(u => u.PasswordHash).SingleAsync()));
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
