using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Circulation;

static class CaseListEntries
{
    /// <summary>The meeting's cases as agencies see them: names to search for, never victim contact details.</summary>
    internal static async Task<IReadOnlyList<CaseListEntry>> ForAsync(DapPanelDbContext db, Meeting meeting, CancellationToken cancellationToken)
    {
        var ids = meeting.AgendaItems.Select(i => i.CaseId).ToList();
        var victims = (await db.VictimSurvivors.AsNoTracking().Where(v => ids.Contains(v.CaseId))
            .Select(v => new { v.CaseId, v.FullName }).ToListAsync(cancellationToken)).ToLookup(v => v.CaseId, v => v.FullName);
        return meeting.AgendaItems.OrderBy(i => i.Order).Select(i => new CaseListEntry(i.Order, i.CaseId, i.Case!.Reference,
            i.Case.Perpetrator.FullName, i.Case.Perpetrator.DateOfBirth, i.Case.Perpetrator.Aliases, i.Kind, i.Case.RiskLevel,
            victims[i.CaseId].Order().ToList(), i.Case.ChildrenCount, i.Focus)).ToList();
    }
}
