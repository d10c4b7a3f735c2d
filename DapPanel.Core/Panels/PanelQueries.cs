using DapPanel.Core.Data;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Panels;

public interface IPanelQueries
{
    /// <summary>The panels this person works on and that still meet (not archived), by name: the panel switcher's list.</summary>
    Task<IReadOnlyList<MyPanel>> MineAsync(Actor actor, CancellationToken cancellationToken = default);
}

public sealed class PanelQueries(IDbContextFactory<DapPanelDbContext> dbFactory) : IPanelQueries
{
    public async Task<IReadOnlyList<MyPanel>> MineAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visible = db.VisiblePanelIds(actor);
        return await db.Panels.AsNoTracking().Where(p => visible.Contains(p.Id) && p.ArchivedAt == null).OrderBy(p => p.Name)
            .Select(p => new MyPanel(p.Id, p.Name, p.Area)).ToListAsync(cancellationToken);
    }
}
