using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Circulation;

static class CaseListEntries
{
    /// <summary>
    /// The meeting's cases as this viewer may see them: the perpetrator for every member, victim-survivor names
    /// and children only for agencies in the victims' safety plan, never victim contact details.
    /// </summary>
    internal static async Task<IReadOnlyList<CaseListEntry>> ForAsync(DapPanelDbContext db, Meeting meeting, SharingBasis basis,
        CancellationToken cancellationToken)
    {
        var ids = meeting.AgendaItems.Select(i => i.CaseId).ToList();
        var victims = basis.SeesVictimDetails
            ? (await db.VictimSurvivors.AsNoTracking().Where(v => ids.Contains(v.CaseId))
                .Select(v => new { v.CaseId, v.FullName }).ToListAsync(cancellationToken)).ToLookup(v => v.CaseId, v => v.FullName)
            : Enumerable.Empty<string>().ToLookup(_ => Guid.Empty);
        return meeting.AgendaItems.OrderBy(i => i.Order).Select(i => new CaseListEntry(i.Order, i.CaseId, i.Case!.Reference,
            i.Case.Perpetrator.FullName, i.Case.Perpetrator.DateOfBirth, i.Case.Perpetrator.Aliases, i.Kind, i.Case.RiskLevel,
            basis.Victims(victims[i.CaseId], i.Case.ChildrenCount), i.Focus)).ToList();
    }
}
