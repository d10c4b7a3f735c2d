using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.InformationSharing;

/// <summary>
/// Each panel's information-sharing agreement, acknowledged once per person per version, and which member
/// agencies have a role in victims' safety.
/// </summary>
public interface IInformationSharingService
{
    /// <summary>The current agreement for a member, chair or administrator of the panel.</summary>
    Task<AgreementView> GetAgreementAsync(Actor actor, Guid panelId, CancellationToken cancellationToken = default);

    /// <summary>Records that this person has read the given version; a newer version is refused with the current one named.</summary>
    Task AcknowledgeAsync(Actor actor, Guid panelId, int number, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SharingSettingsView>> SettingsAsync(Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Publishes a new version: every member acknowledges again before seeing case information.</summary>
    Task<int> PublishAsync(Actor actor, Guid panelId, string? text, int? currentNumber, CancellationToken cancellationToken = default);

    Task SetVictimTierAsync(Actor actor, Guid membershipId, bool sharesVictimDetails, Guid version,
        CancellationToken cancellationToken = default);
}

public sealed class InformationSharingService(
    IDbContextFactory<DapPanelDbContext> dbFactory, NeedToKnow needToKnow, IAuditLog audit, TimeProvider clock)
    : IInformationSharingService
{
    const string Administering = "change information-sharing settings";

    public async Task<AgreementView> GetAgreementAsync(Actor actor, Guid panelId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panelName = await db.Panels.Where(p => p.Id == panelId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        await EnsureMayReadAsync(db, actor, panelId, cancellationToken);
        return await AgreementAsync(db, panelId, panelName, actor.PersonId, cancellationToken);
    }

    public async Task AcknowledgeAsync(Actor actor, Guid panelId, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EnsureMayReadAsync(db, actor, panelId, cancellationToken);
        var current = await CurrentAsync(db, panelId, cancellationToken)
            ?? throw new DomainRuleException("This panel has no information-sharing agreement to acknowledge yet.");
        if (current.Number != number)
            throw new ConcurrencyConflictException(
                $"A newer version of the agreement (version {current.Number}) has been published since you opened it; read that one and acknowledge it.");
        if (!await db.AgreementAcknowledgements.AnyAsync(
                a => a.PanelId == panelId && a.AgreementNumber == number && a.PersonId == actor.PersonId, cancellationToken))
        {
            db.AgreementAcknowledgements.Add(new AgreementAcknowledgement
            {
                PanelId = panelId, AgreementNumber = number, PersonId = actor.PersonId, AcknowledgedAt = clock.GetUtcNow(),
            });
            audit.Add(db, actor, AuditAction.Changed, $"Acknowledged the information-sharing agreement v{number}");
            try { await db.SaveChangesAsync(cancellationToken); }
            catch (DbUpdateException)
            {
                // Acknowledged at the same moment in another tab: once is enough.
                if (!await AcknowledgedAsync(panelId, number, actor.PersonId, cancellationToken)) throw;
            }
        }
        needToKnow.Remember(panelId, number, actor.PersonId);
    }

    public async Task<IReadOnlyList<SharingSettingsView>> SettingsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Administering, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panels = await db.Panels.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        var result = new List<SharingSettingsView>();
        foreach (var panel in panels)
        {
            var agreement = await AgreementAsync(db, panel.Id, panel.Name, actor.PersonId, cancellationToken);
            var members = await db.PanelMemberships.AsNoTracking().Where(m => m.PanelId == panel.Id)
                .Select(m => new { m.Id, m.AgencyId, m.Agency!.Name, m.Agency.Kind, m.SharesVictimDetails, m.Version })
                .ToListAsync(cancellationToken);
            var agencyIds = members.Select(m => m.AgencyId).ToList();
            var people = await db.People.Where(p => agencyIds.Contains(p.AgencyId))
                .Select(p => new { p.Id, p.FullName, Agency = p.Agency!.Name }).ToListAsync(cancellationToken);
            var acknowledged = agreement.Number is { } n
                ? await db.AgreementAcknowledgements.Where(a => a.PanelId == panel.Id && a.AgreementNumber == n)
                    .ToDictionaryAsync(a => a.PersonId, a => a.AcknowledgedAt, cancellationToken)
                : [];
            result.Add(new SharingSettingsView(panel.Id, panel.Name, agreement,
                members.OrderBy(m => m.Name).Select(m => new VictimTierAgency(m.Id, m.AgencyId, m.Name, m.Kind.Label(),
                    m.SharesVictimDetails ?? NeedToKnow.SharesVictimDetailsByDefault(m.Kind), m.SharesVictimDetails is not null,
                    m.Version)).ToList(),
                people.OrderBy(p => p.Agency).ThenBy(p => p.FullName)
                    .Select(p => new AcknowledgementRow(p.FullName, p.Agency,
                        acknowledged.TryGetValue(p.Id, out var at) ? at : null)).ToList()));
        }
        return result;
    }

    public async Task<int> PublishAsync(Actor actor, Guid panelId, string? text, int? currentNumber,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Administering, Role.Administrator);
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
            throw new InvalidInputException(["Write the agreement's text: members must have something to acknowledge."]);
        if (text.Length > InformationSharingAgreement.MaxTextLength)
            throw new InvalidInputException([$"The agreement is at most {InformationSharingAgreement.MaxTextLength} characters."]);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panelName = await db.Panels.Where(p => p.Id == panelId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        var current = await CurrentAsync(db, panelId, cancellationToken);
        if (current?.Number != currentNumber)
            throw new ConcurrencyConflictException(
                $"Someone else published version {current?.Number} of {panelName}'s agreement while you were editing; read it before publishing again.");
        var number = (current?.Number ?? 0) + 1;
        db.InformationSharingAgreements.Add(new InformationSharingAgreement
        {
            PanelId = panelId, Number = number, Text = text, PublishedAt = clock.GetUtcNow(), PublishedByName = actor.Name,
        });
        audit.Add(db, actor, AuditAction.PermissionChanged,
            $"Published {panelName}'s information-sharing agreement v{number}: every member acknowledges it again",
            before: current is null ? null : $"v{current.Number}", after: $"v{number}");
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            throw new ConcurrencyConflictException(
                $"Someone else published a new version of {panelName}'s agreement at the same moment; reload and check it.");
        }
        needToKnow.Forget(panelId);
        return number;
    }

    public async Task SetVictimTierAsync(Actor actor, Guid membershipId, bool sharesVictimDetails, Guid version,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Administering, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await db.PanelMemberships.Include(m => m.Agency).SingleOrDefaultAsync(m => m.Id == membershipId, cancellationToken)
            ?? throw new NotFoundException("That agency is not a member of the panel.");
        var before = NeedToKnow.SharesVictimDetails(membership, membership.Agency!.Kind);
        if (membership.Version != version)
            throw new ConcurrencyConflictException(
                $"Someone else changed {membership.Agency.Name}'s access at the same time: it now {(before ? "sees" : "does not see")} victim details. Check and save again.");
        membership.SharesVictimDetails = sharesVictimDetails;
        var panelName = await db.Panels.Where(p => p.Id == membership.PanelId).Select(p => p.Name).SingleAsync(cancellationToken);
        audit.Add(db, actor, AuditAction.PermissionChanged,
            $"{(sharesVictimDetails ? "Shared" : "Withheld")} victim-survivor and child details {(sharesVictimDetails ? "with" : "from")} {membership.Agency.Name} at {panelName}",
            before: before ? "sees victim details" : "victim details withheld",
            after: sharesVictimDetails ? "sees victim details" : "victim details withheld");
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException($"Someone else changed {membership.Agency.Name}'s access at the same time; reload and check it.");
        }
        needToKnow.Forget(membership.PanelId);
    }

    static async Task EnsureMayReadAsync(DapPanelDbContext db, Actor actor, Guid panelId, CancellationToken cancellationToken)
    {
        if (actor.IsAny(Role.Administrator, Role.Chair)) return;
        if (actor.Is(Role.AgencyMember)
            && await db.PanelMemberships.AnyAsync(m => m.PanelId == panelId && m.AgencyId == actor.AgencyId, cancellationToken))
            return;
        throw new AccessDeniedException("Only the panel's member agencies, chairs and administrators read its information-sharing agreement.");
    }

    static Task<InformationSharingAgreement?> CurrentAsync(DapPanelDbContext db, Guid panelId, CancellationToken cancellationToken) =>
        db.InformationSharingAgreements.AsNoTracking().Where(a => a.PanelId == panelId)
            .OrderByDescending(a => a.Number).FirstOrDefaultAsync(cancellationToken);

    async Task<bool> AcknowledgedAsync(Guid panelId, int number, Guid personId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AgreementAcknowledgements.AnyAsync(
            a => a.PanelId == panelId && a.AgreementNumber == number && a.PersonId == personId, cancellationToken);
    }

    static async Task<AgreementView> AgreementAsync(DapPanelDbContext db, Guid panelId, string panelName, Guid personId,
        CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(db, panelId, cancellationToken);
        if (current is null) return new AgreementView(panelId, panelName, null, null, null, null, null);
        var acknowledgedAt = await db.AgreementAcknowledgements
            .Where(a => a.PanelId == panelId && a.AgreementNumber == current.Number && a.PersonId == personId)
            .Select(a => (DateTimeOffset?)a.AcknowledgedAt).FirstOrDefaultAsync(cancellationToken);
        return new AgreementView(panelId, panelName, current.Number, current.Text, current.PublishedAt, current.PublishedByName,
            acknowledgedAt);
    }
}
