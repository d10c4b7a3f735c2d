using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Data;

/// <summary>
/// Someone whose sign-in an administrator has disabled has left the work: they are not offered or accepted for a new
/// action or as attending a meeting, while what they already did stays recorded against them.
/// </summary>
public static class DepartedPeople
{
    /// <summary>The people of these agencies who have left, in one query.</summary>
    public static async Task<IReadOnlySet<Guid>> AmongAsync(DapPanelDbContext db, IEnumerable<Guid> agencyIds,
        CancellationToken cancellationToken = default) =>
        (await db.Users.Where(u => !u.IsActive && db.People.Any(p => p.Id == u.PersonId && agencyIds.Contains(p.AgencyId)))
            .Select(u => u.PersonId).ToListAsync(cancellationToken)).ToHashSet();

    public static Task<bool> HasLeftAsync(DapPanelDbContext db, Guid personId) =>
        db.Users.AnyAsync(u => u.PersonId == personId && !u.IsActive);
}
