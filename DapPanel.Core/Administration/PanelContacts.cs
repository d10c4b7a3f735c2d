using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Administration;

public sealed record PanelContact(string Name, string Email);

/// <summary>
/// Whom a person can ask when a page is not open to them: the administrators who give access, build agendas and
/// circulate case lists. Any signed-in person may know who they are.
/// </summary>
public interface IPanelContacts
{
    Task<IReadOnlyList<PanelContact>> AdministratorsAsync(Actor actor, CancellationToken cancellationToken = default);
}

public sealed class PanelContacts(IDbContextFactory<DapPanelDbContext> dbFactory) : IPanelContacts
{
    public async Task<IReadOnlyList<PanelContact>> AdministratorsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var administrator = nameof(Role.Administrator);
        var rows = await db.UserRoles
            .Join(db.Roles.Where(r => r.Name == administrator), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId)
            .Join(db.Users.Where(u => u.IsActive), id => id, u => u.Id, (id, u) => u.PersonId)
            .Join(db.People, personId => personId, p => p.Id, (personId, p) => new { p.FullName, p.Email })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Email is not null).OrderBy(r => r.FullName)
            .Select(r => new PanelContact(r.FullName, r.Email!)).ToList();
    }
}
