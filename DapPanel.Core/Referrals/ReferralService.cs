using System.Text.RegularExpressions;
using DapPanel.Core.Audit;
using DapPanel.Core.Cases;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Referrals;

public interface IReferralService
{
    Task<IReadOnlyList<AgencyOption>> AgenciesAsync(Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Earlier cases this referral repeats or is linked to; shown before it is saved.</summary>
    Task<IReadOnlyList<LinkedCaseView>> FindLinkedCasesAsync(Actor actor, ReferralInput input,
        CancellationToken cancellationToken = default);

    Task<ReferralSaved> SubmitAsync(Actor actor, ReferralInput input, CancellationToken cancellationToken = default);
}

public sealed partial class ReferralService(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, TimeProvider clock)
    : IReferralService
{
    const string Intake = "record referrals";
    public const int RepeatWindowMonths = 12;

    public async Task<IReadOnlyList<AgencyOption>> AgenciesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Intake, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Agencies.OrderBy(a => a.Name).Select(a => new AgencyOption(a.Id, a.Name, a.Kind))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LinkedCaseView>> FindLinkedCasesAsync(Actor actor, ReferralInput input,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Intake, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var linked = await FindAsync(db, input, cancellationToken);
        // Each check shows other cases: one entry per case shown, once per page view.
        foreach (var found in linked)
            await audit.RecordDisclosureAsync(actor, $"Shown {found.Reference} as a possible repeat of a new referral",
                caseId: found.CaseId, cancellationToken: cancellationToken);
        return linked;
    }

    public async Task<ReferralSaved> SubmitAsync(Actor actor, ReferralInput input, CancellationToken cancellationToken = default)
    {
        actor.Require(Intake, Role.Administrator);
        var today = PanelTime.Today(clock);
        InvalidInputException.ThrowIfAny(input.Problems(today));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Agencies.AnyAsync(a => a.Id == input.ReferrerAgencyId, cancellationToken))
            throw new NotFoundException("The referrer's agency no longer exists; choose another.");

        var links = await FindAsync(db, input, cancellationToken);
        if (links.FirstOrDefault(l => l.IsDuplicate) is { } duplicate)
            throw new DomainRuleException(
                $"This perpetrator already has an open case, {duplicate.Reference}: add the new information to it instead.");

        var c = new Case
        {
            Reference = await NextReferenceAsync(db, today, cancellationToken),
            Perpetrator = new Perpetrator
            {
                FullName = Tidy(input.PerpetratorName!), DateOfBirth = input.PerpetratorDateOfBirth!.Value,
                Aliases = input.AliasList.Select(Tidy).ToList(),
            },
            ReferralSource = input.Source!.Value,
            ReferredOn = input.ReferredOn!.Value,
            RiskLevel = input.RiskLevel!.Value,
            ChildrenCount = input.ChildrenCount,
            Summary = input.Summary!.Trim(),
            OffendingHistory = PlainText.IsBlank(input.OffendingHistory) ? null : input.OffendingHistory.Trim(),
        };
        c.VictimSurvivors.AddRange(input.VictimSurvivors.Where(v => !v.IsBlank).Select(v => new VictimSurvivor
        {
            FullName = Tidy(v.FullName!), Address = Blank(v.Address), Contact = Blank(v.Contact),
        }));
        db.Cases.Add(c);
        db.Referrals.Add(new Referral
        {
            CaseId = c.Id, ReferrerName = input.ReferrerName!.Trim(), ReferrerAgencyId = input.ReferrerAgencyId!.Value,
            IsRepeat = links.Count > 0, RecordedAt = clock.GetUtcNow(), RecordedByPersonId = actor.PersonId,
        });
        db.CaseLinks.AddRange(links.Select(l => new CaseLink { CaseId = c.Id, LinkedCaseId = l.CaseId, Reason = l.Reason }));
        var linked = links.Select(l => l.Reference).ToList();
        audit.Add(db, actor, AuditAction.Changed,
            $"Recorded referral {c.Reference}" + (linked.Count > 0 ? $", a repeat linked to {string.Join(", ", linked)}" : ""),
            caseId: c.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new ReferralSaved(c.Id, c.Reference, links.Count > 0, linked);
    }

    async Task<IReadOnlyList<LinkedCaseView>> FindAsync(DapPanelDbContext db, ReferralInput input, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(input.AliasList.Select(Key)) ;
        var name = Key(input.PerpetratorName ?? "");
        var victims = input.VictimSurvivors.Where(v => !PlainText.IsBlank(v.FullName)).Select(v => Key(v.FullName!)).ToHashSet();
        if (name.Length == 0 && names.Count == 0 && victims.Count == 0) return [];

        var since = clock.GetUtcNow().AddMonths(-RepeatWindowMonths);
        var cases = await db.Cases.AsNoTracking().Include(c => c.VictimSurvivors).ToListAsync(cancellationToken);
        var heard = (await db.AgendaItems.AsNoTracking().Where(i => i.Meeting!.StartsAt >= since)
                .Select(i => new { i.CaseId, i.Meeting!.StartsAt }).ToListAsync(cancellationToken))
            .GroupBy(i => i.CaseId).ToDictionary(g => g.Key, g => g.Max(i => i.StartsAt));

        var found = new List<(Case Case, string Reason, bool Duplicate)>();
        foreach (var c in cases)
        {
            var theirNames = c.Perpetrator.Aliases.Select(Key).Append(Key(c.Perpetrator.FullName)).ToHashSet();
            var samePerson = (name.Length > 0 && name == Key(c.Perpetrator.FullName)
                    && input.PerpetratorDateOfBirth == c.Perpetrator.DateOfBirth)
                || names.Overlaps(theirNames) || c.Perpetrator.Aliases.Select(Key).Contains(name);
            var sharedVictim = c.VictimSurvivors.Select(v => v.FullName).FirstOrDefault(v => victims.Contains(Key(v)));
            var recentlyHeard = heard.ContainsKey(c.Id);
            if (samePerson && c.Status is CaseStatus.Referred or CaseStatus.Accepted or CaseStatus.Review)
                found.Add((c, "Same perpetrator, case still open", true));
            else if (samePerson && recentlyHeard)
                found.Add((c, "Same perpetrator (name and date of birth, or alias)", false));
            else if (sharedVictim is not null && recentlyHeard)
                found.Add((c, $"Same victim-survivor: {sharedVictim}", false));
        }
        if (found.Count == 0) return [];

        var ids = found.Select(f => f.Case.Id).ToList();
        var decisions = await db.AgendaItems.AsNoTracking().Where(i => ids.Contains(i.CaseId) && i.Decision != null)
            .Select(i => new { i.CaseId, View = new DecisionHistoryView(i.MeetingId, i.Meeting!.StartsAt, i.Kind,
                i.Decision!.Outcome, i.Decision.Rationale, i.Decision.ClosureReason) })
            .ToListAsync(cancellationToken);
        return found.Select(f => new LinkedCaseView(f.Case.Id, f.Case.Reference, f.Case.Perpetrator.FullName, f.Case.Status,
                f.Reason, f.Duplicate,
                heard.TryGetValue(f.Case.Id, out var at) ? DateOnly.FromDateTime(PanelTime.ToLocal(at).DateTime) : null,
                decisions.Where(d => d.CaseId == f.Case.Id).Select(d => d.View).OrderByDescending(d => d.MeetingStartsAt).ToList()))
            .OrderByDescending(l => l.IsDuplicate).ThenBy(l => l.Reference).ToList();
    }

    /// <summary>The next pseudonymous reference of this year: DAPP-yy-nnn.</summary>
    static async Task<string> NextReferenceAsync(DapPanelDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var prefix = $"DAPP-{today:yy}-";
        var taken = await db.Cases.Where(c => c.Reference.StartsWith(prefix)).Select(c => c.Reference).ToListAsync(cancellationToken);
        var highest = taken.Select(r => int.TryParse(r[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return $"{prefix}{highest + 1:000}";
    }

    /// <summary>Names compare without case or extra spaces.</summary>
    internal static string Key(string name) => Spaces().Replace(name.Trim(), " ").ToLowerInvariant();

    static string Tidy(string value) => Spaces().Replace(value.Trim(), " ");

    static string? Blank(string? value) => PlainText.IsBlank(value) ? null : value.Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
