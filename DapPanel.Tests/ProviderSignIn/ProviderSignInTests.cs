using System.Net;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.ProviderSignIn;

/// <summary>
/// Sign-in through the agency's provider (a real OpenID Connect server) over plain HTTP: answers DapPanel must not
/// trust, and people it must not let in, end on a clear page with no session, an audit entry and a log that names no one.
/// </summary>
[Collection(ProviderSignInServerCollection.Name)]
public class ProviderSignInTests(ProviderSignInServer fixture)
{
    TestServer Server => fixture.Server;

    [Theory]
    [InlineData(TokenSpoiling.Tampered, "signature")]
    [InlineData(TokenSpoiling.WrongIssuer, "issued by someone other than the provider")]
    [InlineData(TokenSpoiling.WrongAudience, "meant for another application")]
    [InlineData(TokenSpoiling.Expired, "had expired")]
    public async Task A_token_that_cannot_be_trusted_is_refused_with_a_clear_page_no_session_and_an_audit_entry(TokenSpoiling spoiling,
        string audited)
    {
        var (personId, account) = await fixture.AddMemberAsync(assertsTwoFactor: true);
        var userId = await UserIdAsync(personId);
        var since = DateTimeOffset.UtcNow;
        fixture.Provider.Spoil = spoiling;
        try
        {
            var (page, html, cookies) = await ProviderSignInSteps.SignInOverHttpAsync(Server.BaseUrl, account);

            Assert.EndsWith("/account/sign-in-failed", page.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("data-problem=\"untrusted\"", html);
            Assert.Contains("could not be trusted", html);
            await AssertNoSessionAsync(cookies, userId);
        }
        finally
        {
            fixture.Provider.Spoil = TokenSpoiling.None;
        }
        var refusals = await Server.ReadAsync(db => db.AuditEvents
            .Where(e => e.Action == AuditAction.SignInFailed && e.At >= since && e.Summary.Contains(ProviderSignInServer.ProviderDisplayName))
            .Select(e => e.Summary).ToListAsync());
        Assert.Contains(refusals, s => s.Contains(audited));
        AssertLogsNameNoOne(account);
    }

    [Fact]
    public async Task Someone_the_panel_does_not_know_is_told_to_ask_their_coordinator_and_the_attempt_is_audited()
    {
        var stranger = fixture.Provider.Add($"stranger-{Guid.NewGuid():N}@{ProviderSignInServer.EmailDomain}", assertsTwoFactor: true);
        var since = DateTimeOffset.UtcNow;

        var (page, html, cookies) = await ProviderSignInSteps.SignInOverHttpAsync(Server.BaseUrl, stranger);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.EndsWith("/account/not-a-member", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Ask your panel coordinator", html);
        Assert.Null(cookies.GetCookies(new Uri(Server.BaseUrl))["DapPanel.Auth"]);
        Assert.True(await Server.ReadAsync(db => db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SignInFailed && e.At >= since
            && e.Summary.Contains("no person here has the email"))));
        Assert.False(await Server.ReadAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == stranger.Subject)));
        AssertLogsNameNoOne(stranger);
    }

    [Fact]
    public async Task An_email_the_provider_has_not_verified_matches_no_one()
    {
        var (personId, account) = await fixture.AddMemberAsync(assertsTwoFactor: true);
        account.EmailVerified = false;

        var (page, html, cookies) = await ProviderSignInSteps.SignInOverHttpAsync(Server.BaseUrl, account);

        Assert.EndsWith("/account/sign-in-failed", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("data-problem=\"unverified\"", html);
        await AssertNoSessionAsync(cookies, await UserIdAsync(personId));
        Assert.False(await Server.ReadAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == account.Subject)));
    }

    [Fact]
    public async Task A_matched_person_is_linked_by_subject_and_their_sign_in_is_a_DapPanel_session_recorded_for_administrators()
    {
        var (personId, account) = await fixture.AddMemberAsync(assertsTwoFactor: true);
        var userId = await UserIdAsync(personId);

        var (page, _, cookies) = await ProviderSignInSteps.SignInOverHttpAsync(Server.BaseUrl, account);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(cookies.GetCookies(new Uri(Server.BaseUrl))["DapPanel.Auth"]);
        Assert.True(await Server.ReadAsync(db => db.SignInSessions.AnyAsync(s => s.UserId == userId)));
        Assert.True(await Server.ReadAsync(db => db.UserLogins.AnyAsync(l => l.UserId == userId
            && l.LoginProvider == ProviderSignInServer.ProviderName && l.ProviderKey == account.Subject)));
        var user = await Server.ReadAsync(db => db.Users.SingleAsync(u => u.Id == userId));
        Assert.Equal(ProviderSignInServer.ProviderName, user.LastSignInMethod);
        Assert.NotNull(user.LastSignInAt);

        // Once linked, the stable subject id finds the person even after the provider's email changes.
        var renamed = account with { Email = $"renamed-{Guid.NewGuid():N}@{ProviderSignInServer.EmailDomain}" };
        fixture.Provider.Replace(account.Email, renamed);
        var (again, _, againCookies) = await ProviderSignInSteps.SignInOverHttpAsync(Server.BaseUrl, renamed);
        Assert.Equal("/", again.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(againCookies.GetCookies(new Uri(Server.BaseUrl))["DapPanel.Auth"]);
        AssertLogsNameNoOne(account);
    }

    [Fact]
    public async Task Signing_out_ends_the_DapPanel_session_and_sends_the_browser_to_the_provider_to_sign_out_there()
    {
        var (personId, account) = await fixture.AddMemberAsync(assertsTwoFactor: true);
        var (_, _, cookies) = await ProviderSignInSteps.SignInOverHttpAsync(Server.BaseUrl, account);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(Server.BaseUrl),
        };

        using var signedOut = await HttpSignIn.SignOutAsync(client);

        var location = signedOut.Headers.Location;
        Assert.True(location is not null && location.ToString().StartsWith(fixture.Provider.Authority + "connect/endsession", StringComparison.Ordinal),
            $"{signedOut.StatusCode} to {location}; log: " + string.Join(" | ", fixture.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message)));
        Assert.Contains("id_token_hint=", location!.Query);
        Assert.False(await Server.ReadAsync(db => db.SignInSessions.AnyAsync(s => s.UserId == db.Users.Single(u => u.PersonId == personId).Id)));
    }

    async Task AssertNoSessionAsync(CookieContainer cookies, string userId)
    {
        Assert.Null(cookies.GetCookies(new Uri(Server.BaseUrl))["DapPanel.Auth"]);
        Assert.False(await Server.ReadAsync(db => db.SignInSessions.AnyAsync(s => s.UserId == userId)));
    }

    Task<string> UserIdAsync(Guid personId) => Server.ReadAsync(db => db.Users.Where(u => u.PersonId == personId).Select(u => u.Id).SingleAsync());

    /// <summary>The log may name the provider and DapPanel's user id, never the person's email.</summary>
    void AssertLogsNameNoOne(ProviderAccount account)
    {
        var local = account.Email.Split('@')[0];
        Assert.DoesNotContain(fixture.Logs.Entries, e => e.Message.Contains(local, StringComparison.OrdinalIgnoreCase)
            || e.ScopeText.Contains(local, StringComparison.OrdinalIgnoreCase));
    }
}
