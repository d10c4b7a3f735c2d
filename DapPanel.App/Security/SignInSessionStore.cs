using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using DapPanel.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.App.Security;

/// <summary>
/// Keeps sign-in tickets in the database (<see cref="SignInSession"/>) so the cookie carries only a key: signing out
/// deletes the ticket, and a copy of the cookie is worthless afterwards on every node. The ticket's principal also
/// carries its key (<see cref="SessionClaim"/>), so open pages and hub connections can tell when their session ended.
/// </summary>
public sealed class SignInSessionStore(
    IDbContextFactory<DapPanelDbContext> dbFactory, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore
{
    public const string SessionClaim = "dappanel:session";

    readonly IDataProtector protector = protection.CreateProtector("DapPanel.SignInSession.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var userId = UserIdOf(ticket);
        await using var db = await dbFactory.CreateDbContextAsync();
        db.SignInSessions.Add(new SignInSession
        {
            Key = key, UserId = userId, Ticket = Protect(WithKey(ticket, key)), CreatedAt = clock.GetUtcNow(),
            ExpiresAt = ExpiryOf(ticket),
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        // A session signed out meanwhile stays signed out: renewal never brings it back.
        var userId = UserIdOf(ticket);
        await db.SignInSessions.Where(s => s.Key == key).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.UserId, userId)
            .SetProperty(s => s.Ticket, Protect(WithKey(ticket, key)))
            .SetProperty(s => s.ExpiresAt, ExpiryOf(ticket)));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var session = await db.SignInSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key);
        if (session is null || session.ExpiresAt <= clock.GetUtcNow()) return null;
        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(session.Ticket));
        }
        catch (CryptographicException)
        {
            return null; // protected with a key this node no longer has: the person signs in again
        }
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.SignInSessions.Where(s => s.Key == key).ExecuteDeleteAsync();
    }

    /// <summary>Whether the session a principal was issued in is still open.</summary>
    public async Task<bool> IsOpenAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.FindFirstValue(SessionClaim) is not { } key) return false;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.SignInSessions.AnyAsync(s => s.Key == key && s.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Sessions whose cookie has lapsed: nothing can use them again.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.SignInSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    static AuthenticationTicket WithKey(AuthenticationTicket ticket, string key)
    {
        var identity = ticket.Principal.Identities.First();
        foreach (var old in identity.FindAll(SessionClaim).ToList()) identity.RemoveClaim(old);
        identity.AddClaim(new Claim(SessionClaim, key));
        return ticket;
    }

    static string UserIdOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("A sign-in ticket without a user id cannot be stored.");

    DateTimeOffset ExpiryOf(AuthenticationTicket ticket) => ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().AddHours(12);
}
