using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Retention;

/// <summary>How long a closed case is kept before it is erased ("Retention" in appsettings.json).</summary>
public sealed class RetentionSettings
{
    public const int DefaultClosedCaseMonths = 72;

    public int ClosedCaseMonths { get; set; } = DefaultClosedCaseMonths;
}

public sealed record RetentionCase(Guid CaseId, string Reference, DateOnly ReferredOn, DateOnly ClosedOn,
    ClosureReason? ClosureReason, DateOnly ErasableFrom, Guid Version);

public sealed record RetentionReview(int RetentionMonths, DateOnly ClosedOnOrBefore, IReadOnlyList<RetentionCase> Due,
    int ErasedSoFar);

/// <summary>Closed cases past the retention period, listed for an administrator to review and erase.</summary>
public interface IRetentionService
{
    Task<RetentionReview> ReviewAsync(Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Erases the case's personal fields and free text everywhere they are kept; audited.</summary>
    Task EraseAsync(Actor actor, Guid caseId, Guid expectedVersion, CancellationToken cancellationToken = default);
}

public sealed class RetentionService(
    IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, RetentionSettings settings, TimeProvider clock)
    : IRetentionService
{
    const string Reviewing = "review and erase cases past retention";

    int Months => Math.Max(1, settings.ClosedCaseMonths);

    public async Task<RetentionReview> ReviewAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Reviewing, Role.Administrator);
        var cutoff = PanelTime.Today(clock).AddMonths(-Months);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Closed && c.ErasedOn == null && c.ClosedOn != null && c.ClosedOn <= cutoff)
            .OrderBy(c => c.ClosedOn).ThenBy(c => c.Reference)
            .Select(c => new { c.Id, c.Reference, c.ReferredOn, ClosedOn = c.ClosedOn!.Value, c.ClosureReason, c.Version })
            .ToListAsync(cancellationToken);
        var erased = await db.Cases.CountAsync(c => c.ErasedOn != null, cancellationToken);
        return new RetentionReview(Months, cutoff,
            due.Select(c => new RetentionCase(c.Id, c.Reference, c.ReferredOn, c.ClosedOn, c.ClosureReason,
                c.ClosedOn.AddMonths(Months), c.Version)).ToList(), erased);
    }

    public async Task EraseAsync(Actor actor, Guid caseId, Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        actor.Require(Reviewing, Role.Administrator);
        var today = PanelTime.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var c = await db.Cases.Include(x => x.VictimSurvivors).SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken)
            ?? throw new NotFoundException("That case does not exist.");
        if (c.Version != expectedVersion && !c.IsErased)
            throw new ConcurrencyConflictException(
                $"{c.Reference} changed since the list was shown. Reload the list and check it before erasing.");
        var closedOn = c.ClosedOn;
        c.Erase(today, Months);
        var erased = Case.ErasedText(today);

        foreach (var referral in await db.Referrals.Where(r => r.CaseId == caseId).ToListAsync(cancellationToken))
            referral.ReferrerName = erased;
        foreach (var link in await db.CaseLinks.Where(l => l.CaseId == caseId).ToListAsync(cancellationToken))
            link.Reason = erased;
        foreach (var lever in await db.Levers.Where(l => l.CaseId == caseId).ToListAsync(cancellationToken))
            lever.Description = erased;
        foreach (var action in await db.Actions.Where(a => a.CaseId == caseId).ToListAsync(cancellationToken))
        {
            action.Description = erased;
            action.OutcomeNote = action.OutcomeNote is null ? null : erased;
        }
        foreach (var update in await db.ReviewUpdates.Where(u => u.CaseId == caseId).ToListAsync(cancellationToken))
            update.Notes = update.Notes is null ? null : erased;
        foreach (var research in await db.AgencyResearch.Where(r => r.CaseId == caseId).ToListAsync(cancellationToken))
            (research.Notes, research.ContactName, research.ContactDetails) = (research.Notes is null ? null : erased, null, null);
        foreach (var change in await db.AgendaChanges.Where(x => x.CaseId == caseId).ToListAsync(cancellationToken))
            change.Detail = change.Detail is null ? null : erased;

        var items = await db.AgendaItems.Include(i => i.Decision).Where(i => i.CaseId == caseId).ToListAsync(cancellationToken);
        foreach (var item in items)
        {
            item.Focus = item.Focus is null ? null : erased;
            if (item.Decision is { } decision)
            {
                decision.Rationale = erased;
                decision.ExtensionReason = decision.ExtensionReason is null ? null : erased;
                decision.CaseExtensionReasonBefore = decision.CaseExtensionReasonBefore is null ? null : erased;
            }
        }
        var itemIds = items.Select(i => i.Id).ToHashSet();
        var meetingIds = items.Select(i => i.MeetingId).Distinct().ToList();
        foreach (var version in await db.MinutesVersions.Where(v => meetingIds.Contains(v.MeetingId)).ToListAsync(cancellationToken))
            MinutesErasure.Erase(version, itemIds, c.Reference, erased);

        audit.Add(db, actor, AuditAction.Erased,
            $"Erased case {c.Reference} (closed {closedOn:d MMM yyyy}, past {Months} months' retention)", caseId: caseId);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException($"{c.Reference} changed while it was being erased. Reload the list and try again.");
        }
    }
}
