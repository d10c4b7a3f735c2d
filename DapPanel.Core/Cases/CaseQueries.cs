using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Cases;

public interface ICaseQueries
{
    /// <summary>The cases of the person's panels, or of one of them when <paramref name="panelId"/> names it.</summary>
    Task<IReadOnlyList<CaseSummary>> ListAsync(Actor actor, string? search = null, Guid? panelId = null,
        CancellationToken cancellationToken = default);

    /// <summary>The whole case; every read is written to the audit log.</summary>
    Task<CaseDetail> GetDetailAsync(Actor actor, Guid caseId, CancellationToken cancellationToken = default);
}

public sealed class CaseQueries(
    IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NeedToKnow needToKnow, TimeProvider clock)
    : ICaseQueries
{
    const string CaseWork = "open the case list and case detail";

    public async Task<IReadOnlyList<CaseSummary>> ListAsync(Actor actor, string? search = null, Guid? panelId = null,
        CancellationToken cancellationToken = default)
    {
        actor.Require(CaseWork, Role.Administrator, Role.Chair);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panels = db.ChairedPanelIds(actor);
        var cases = await db.Cases.AsNoTracking().Include(c => c.VictimSurvivors)
            .Where(c => panels.Contains(c.PanelId) && (panelId == null || c.PanelId == panelId))
            .ToListAsync(cancellationToken);
        var today = Today;
        var term = search?.Trim();
        var listed = cases
            .Where(c => string.IsNullOrEmpty(term)
                || c.Reference.Contains(term, StringComparison.OrdinalIgnoreCase)
                || c.Perpetrator.FullName.Contains(term, StringComparison.OrdinalIgnoreCase)
                || c.Perpetrator.Aliases.Any(a => a.Contains(term, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Status == CaseStatus.Closed)
            .ThenByDescending(c => c.ReferredOn)
            .Select(c => Summarise(c, today))
            .ToList();
        await audit.RecordDisclosureAsync(actor, $"Opened the list of cases ({cases.Count})", cancellationToken: cancellationToken);
        return listed;
    }

    public async Task<CaseDetail> GetDetailAsync(Actor actor, Guid caseId, CancellationToken cancellationToken = default)
    {
        actor.Require(CaseWork, Role.Administrator, Role.Chair);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panels = db.ChairedPanelIds(actor);
        var c = await db.Cases.AsNoTracking().Include(x => x.VictimSurvivors)
            .SingleOrDefaultAsync(x => x.Id == caseId && panels.Contains(x.PanelId), cancellationToken)
            ?? throw new NotFoundException("That case does not exist or is not one of your panels'.");
        // Shared under the agreement of the panel that holds the case; a chair of another panel is refused here.
        var basis = (await needToKnow.BasisAsync(actor, c.PanelId, cancellationToken)).OfChairsOrAdministrators("open its case records");
        var today = Today;

        var levers = await db.Levers.AsNoTracking().Where(l => l.CaseId == caseId)
            .OrderBy(l => l.Agency!.Name).ThenBy(l => l.OfferedAt)
            .Select(l => new LeverView(l.Id, l.Agency!.Name, l.Family, l.Area, l.Description, l.IsWithdrawn, l.OfferedAt))
            .ToListAsync(cancellationToken);

        var decisions = await db.AgendaItems.AsNoTracking()
            .Where(i => i.CaseId == caseId && i.Decision != null)
            .Select(i => new DecisionHistoryView(i.MeetingId, i.Meeting!.StartsAt, i.Kind, i.Decision!.Outcome,
                i.Decision.Rationale, i.Decision.ClosureReason))
            .ToListAsync(cancellationToken);

        var actions = await db.Actions.AsNoTracking().Where(a => a.CaseId == caseId)
            .OrderBy(a => a.DueOn)
            .Select(a => new { a.Id, a.Description, Agency = a.OwnerAgency!.Name, Person = a.OwnerPerson == null ? null : a.OwnerPerson.FullName, a.DueOn, a.Status })
            .ToListAsync(cancellationToken);

        await audit.RecordDisclosureAsync(actor, $"Viewed case {c.Reference} ({basis.Recorded})", caseId: caseId,
            cancellationToken: cancellationToken);

        return new CaseDetail(
            Summarise(c, today), c.Perpetrator.DateOfBirth, c.Perpetrator.Aliases, c.Summary, c.OffendingHistory,
            c.Engagement, c.ClosedOn, c.ClosureReason, c.ExtensionReason, c.EarliestClosureOn,
            c.VictimSurvivors.Select(v => new VictimView(v.FullName, v.Address, v.Contact)).ToList(),
            levers,
            decisions.OrderByDescending(d => d.MeetingStartsAt).ToList(),
            actions.Select(a => new ActionView(a.Id, a.Description, a.Agency, a.Person, a.DueOn, a.Status,
                a.Status == ActionStatus.Open && a.DueOn < today)).ToList());
    }

    DateOnly Today => PanelTime.Today(clock);

    static CaseSummary Summarise(Case c, DateOnly today) => new(
        c.Id, c.Reference, c.Perpetrator.FullName, c.Status, c.RiskLevel, c.ReferralSource, c.ReferredOn,
        c.AcceptedOn, c.ReviewDueOn, c.IsSerialPerpetrator, c.VictimSurvivors.Count, c.ChildrenCount,
        c.NeedsExtensionReason(today));
}
