using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Data;

/// <summary>
/// Someone whose sign-in an administrator has disabled has left the work: they are not offered or accepted for a new
/// action or as attending a meeting, while what they already did stays recorded against them.
/// </summary>
public static class DepartedPeople
{
    public static IQueryable<Guid> Among(DapPanelDbContext db, IEnumerable<Guid> agencyIds) =>
        db.Users.Where(u => !u.IsActive && db.People.Any(p => p.Id == u.PersonId && agencyIds.Contains(p.AgencyId)))
            .Select(u => u.PersonId);

    public static Task<bool> HasLeftAsync(DapPanelDbContext db, Guid personId) =>
        db.Users.AnyAsync(u => u.PersonId == personId && !u.IsActive);
}
