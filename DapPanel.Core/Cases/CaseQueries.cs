using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Cases;

public interface ICaseQueries
{
    Task<IReadOnlyList<CaseSummary>> ListAsync(Actor actor, string? search = null, CancellationToken cancellationToken = default);

    /// <summary>The whole case; every read is written to the audit log.</summary>
    Task<CaseDetail> GetDetailAsync(Actor actor, Guid caseId, CancellationToken cancellationToken = default);
}

public sealed class CaseQueries(
    IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NeedToKnow needToKnow, TimeProvider clock)
    : ICaseQueries
{
    const string CaseWork = "open the case list and case detail";

    public async Task<IReadOnlyList<CaseSummary>> ListAsync(Actor actor, string? search = null,
        CancellationToken cancellationToken = default)
    {
        actor.Require(CaseWork, Role.Administrator, Role.Chair);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cases = await db.Cases.AsNoTracking().Include(c => c.VictimSurvivors).ToListAsync(cancellationToken);
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
        var c = await db.Cases.AsNoTracking().Include(x => x.VictimSurvivors)
            .SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken)
            ?? throw new NotFoundException("That case does not exist.");
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

        // The case is shared under the agreement of the panel that last heard it, or will hear it.
        var panelId = await db.AgendaItems.Where(i => i.CaseId == caseId).OrderByDescending(i => i.Meeting!.StartsAt)
            .Select(i => (Guid?)i.Meeting!.PanelId).FirstOrDefaultAsync(cancellationToken);
        var basis = panelId is { } id
            ? (await needToKnow.BasisAsync(actor, id, cancellationToken)).Recorded
            : "basis: referral not yet on a panel's agenda";
        await audit.RecordDisclosureAsync(actor, $"Viewed case {c.Reference} ({basis})", caseId: caseId,
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
