using DapPanel.Core.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Data;

/// <summary>The sign-in roles, one per <see cref="Role"/>: every database has them, demo or not.</summary>
public static class IdentityRoles
{
    public static async Task EnsureAsync(DapPanelDbContext db, CancellationToken cancellationToken = default)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in Enum.GetValues<Role>().Select(r => r.ToString()).Except(existing.OfType<string>()))
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
