using DapPanel.Core.Data;
using DapPanel.Core.Security;

namespace DapPanel.Core.Security;

static class PanelScope
{
    /// <summary>The panels whose meetings this person may see.</summary>
    public static IQueryable<Guid> VisiblePanelIds(this DapPanelDbContext db, Actor actor) =>
        actor.SeesEveryPanel
            ? db.Panels.Select(p => p.Id)
            : db.PanelMemberships.Where(m => m.AgencyId == actor.AgencyId).Select(m => m.PanelId);
}
