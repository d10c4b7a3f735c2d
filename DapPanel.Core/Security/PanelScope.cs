using DapPanel.Core.Data;

namespace DapPanel.Core.Security;

/// <summary>
/// Which panels a person works on (docs/decisions/0019-panels.md): administrators every panel; chairs the panels they
/// chair; agency members and managers the panels their agency sits on. What they may see of a panel's cases is
/// NeedToKnow's to say; this is the list their meetings, cases and figures are drawn from.
/// </summary>
public static class PanelScope
{
    /// <summary>
    /// The panels whose chairs' pages (case records, intake records) this person may open: administrators every panel,
    /// chairs the panels they chair. A chair who also sits on another panel for their agency is a member there, not its chair.
    /// </summary>
    public static IQueryable<Guid> ChairedPanelIds(this DapPanelDbContext db, Actor actor)
    {
        if (actor.SeesEveryPanel) return db.Panels.Select(p => p.Id);
        var chairs = actor.Is(Domain.Role.Chair);
        var personId = actor.PersonId;
        return db.Panels.Where(p => chairs && p.Chairs.Any(c => c.PersonId == personId)).Select(p => p.Id);
    }

    /// <summary>
    /// The panels whose figures (insight, evaluation) this person may see: those they chair or administer, and for
    /// managers the panels their agency sits on. A chair who sits on another panel for their agency is a member there,
    /// and members see no figures.
    /// </summary>
    public static IQueryable<Guid> FiguresPanelIds(this DapPanelDbContext db, Actor actor)
    {
        var chaired = db.ChairedPanelIds(actor);
        if (!actor.Is(Domain.Role.Manager)) return chaired;
        var visible = db.VisiblePanelIds(actor);
        return db.Panels.Where(p => chaired.Contains(p.Id) || visible.Contains(p.Id)).Select(p => p.Id);
    }

    /// <summary>The panels whose meetings and cases this person may be shown.</summary>
    public static IQueryable<Guid> VisiblePanelIds(this DapPanelDbContext db, Actor actor)
    {
        if (actor.SeesEveryPanel) return db.Panels.Select(p => p.Id);
        var chairs = actor.Is(Domain.Role.Chair);
        var sitsOn = actor.IsAny(Domain.Role.AgencyMember, Domain.Role.Manager);
        var personId = actor.PersonId;
        var agencyId = actor.AgencyId;
        return db.Panels
            .Where(p => (chairs && p.Chairs.Any(c => c.PersonId == personId)) || (sitsOn && p.Members.Any(m => m.AgencyId == agencyId)))
            .Select(p => p.Id);
    }
}
