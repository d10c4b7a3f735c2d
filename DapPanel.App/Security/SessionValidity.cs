using System.Collections.Concurrent;
using System.Security.Claims;
using DapPanel.Core.Data;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DapPanel.App.Security;

/// <summary>
/// Whether a signed-in principal still stands: its session has not been signed out, and the account exists, is active,
/// and has the security stamp the sign-in was issued with. Every change of roles, agency, active flag or two-factor
/// sign-in renews the stamp, so older sign-ins fail here.
/// </summary>
public sealed class SessionValidity
{
    readonly IDbContextFactory<DapPanelDbContext> dbFactory;
    readonly SignInSessionStore sessions;
    readonly IOptions<IdentityOptions> identity;
    readonly SecuritySettings settings;
    readonly TimeProvider clock;
    readonly ConcurrentDictionary<string, (string UserId, bool Current, DateTimeOffset CheckedAt)> recent = new();

    public SessionValidity(IDbContextFactory<DapPanelDbContext> dbFactory, SignInSessionStore sessions,
        IOptions<IdentityOptions> identity, SecuritySettings settings, SignInChanges changes, TimeProvider clock)
    {
        (this.dbFactory, this.sessions, this.identity, this.settings, this.clock) = (dbFactory, sessions, identity, settings, clock);
        changes.Revoked += Revoked;
    }

    /// <summary>A session signed out, or every session of a person whose access changed (session null).</summary>
    public event Action<SessionEnd>? Ended;

    /// <summary>Asks the database every time.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var session = user.FindFirstValue(SignInSessionStore.SessionClaim);
        if (userId is null || session is null) return false;
        var stamp = await CurrentStampAsync(userId, cancellationToken);
        var current = stamp is not null && stamp == user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType)
            && await sessions.IsOpenAsync(user, cancellationToken);
        recent[session] = (userId, current, clock.GetUtcNow());
        return current;
    }

    /// <summary>For every hub call: trusts an answer younger than the revalidation interval.</summary>
    public async Task<bool> IsCurrentRecentlyAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.FindFirstValue(SignInSessionStore.SessionClaim) is { } session && recent.TryGetValue(session, out var known)
            && clock.GetUtcNow() - known.CheckedAt < settings.Revalidation)
            return known.Current;
        return await IsCurrentAsync(user, cancellationToken);
    }

    /// <summary>
    /// After signing out on this node: its open pages go to <paramref name="signInPage"/> (where the signing-out page
    /// itself goes, so every tab says the same) and its hub connections close.
    /// </summary>
    public void SignedOut(ClaimsPrincipal user, string signInPage)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || user.FindFirstValue(SignInSessionStore.SessionClaim) is not { } session) return;
        recent[session] = (userId, false, clock.GetUtcNow());
        Ended?.Invoke(new SessionEnd(userId, session, signInPage));
    }

    void Revoked(string userId)
    {
        foreach (var (session, known) in recent)
            if (known.UserId == userId) recent[session] = (userId, false, clock.GetUtcNow());
        Ended?.Invoke(new SessionEnd(userId, null, null));
    }

    /// <summary>The stamp of an active account, or null when the account is gone or disabled.</summary>
    async Task<string?> CurrentStampAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
    }
}

/// <summary>
/// One session (or, with <see cref="Session"/> null, every session of the person) ended; <see cref="SignInPage"/> is
/// where its open pages go, or null to sign in again and come back.
/// </summary>
public sealed record SessionEnd(string UserId, string? Session, string? SignInPage)
{
    public bool Covers(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) == UserId
        && (Session is null || user.FindFirstValue(SignInSessionStore.SessionClaim) == Session);
}
