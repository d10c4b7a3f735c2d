using System.Collections.Concurrent;
using System.Security.Claims;
using DapPanel.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DapPanel.App.Security;

/// <summary>
/// Whether a signed-in principal still stands: the account exists, is active, and its security stamp
/// is the one the sign-in was issued with. Every change of roles, agency, active flag or two-factor
/// sign-in renews the stamp, so older sign-ins fail here.
/// </summary>
public sealed class SessionValidity(
    IDbContextFactory<DapPanelDbContext> dbFactory, IOptions<IdentityOptions> identity, SecuritySettings settings, TimeProvider clock)
{
    readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset CheckedAt)> recent = new();

    /// <summary>Asks the database every time.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return false;
        var stamp = await CurrentStampAsync(userId, cancellationToken);
        recent[userId] = (stamp, clock.GetUtcNow());
        return stamp is not null && stamp == user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
    }

    /// <summary>For every hub call: trusts an answer younger than the revalidation interval.</summary>
    public async Task<bool> IsCurrentRecentlyAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null && recent.TryGetValue(userId, out var known) && clock.GetUtcNow() - known.CheckedAt < settings.Revalidation)
            return known.Stamp is not null && known.Stamp == user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return await IsCurrentAsync(user, cancellationToken);
    }

    /// <summary>The stamp of an active account, or null when the account is gone or disabled.</summary>
    async Task<string?> CurrentStampAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .Select(u => u.SecurityStamp).SingleOrDefaultAsync(cancellationToken);
    }
}
