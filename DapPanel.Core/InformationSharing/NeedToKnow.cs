using System.Collections.Concurrent;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.InformationSharing;

/// <summary>
/// Who may see which tier of a panel's case information (docs/decisions/0005-need-to-know.md):
/// the perpetrator summary goes to every member agency that has acknowledged the panel's current
/// information-sharing agreement; victim-survivor and child details only to agencies with a role in the
/// victims' safety; research notes only to the agency that wrote them. Chairs and administrators see all.
/// Every service that shares case information asks here, and nowhere else decides.
/// </summary>
public sealed class NeedToKnow(IDbContextFactory<DapPanelDbContext> dbFactory, TimeProvider clock)
{
    public const string WithheldMarker = "Withheld — shared only with agencies in the victim's safety plan";
    public const string ResearchNotesWithheld = "Withheld — research notes are seen only by the agency that wrote them";

    /// <summary>
    /// How long a panel's agreement version and victim-tier agencies are trusted before being read again; a
    /// change on this node applies at once, one made on another node within this time.
    /// </summary>
    public static readonly TimeSpan RulesFreshFor = TimeSpan.FromSeconds(30);

    readonly ConcurrentDictionary<Guid, PanelRules> rules = new();
    readonly ConcurrentDictionary<(Guid PanelId, int Number, Guid PersonId), byte> acknowledged = new();

    sealed record PanelRules(int? AgreementNumber, IReadOnlyDictionary<Guid, bool> VictimTierByAgency,
        IReadOnlySet<Guid> ChairPersonIds, DateTimeOffset LoadedAt);

    /// <summary>The agencies with a role in victims' safety unless a panel's administrators say otherwise.</summary>
    public static bool SharesVictimDetailsByDefault(AgencyKind kind) =>
        kind is AgencyKind.IdvaService or AgencyKind.Police or AgencyKind.ChildrensSocialCare or AgencyKind.CaseManagementProvider;

    public static bool SharesVictimDetails(PanelMembership membership, AgencyKind kind) =>
        membership.SharesVictimDetails ?? SharesVictimDetailsByDefault(kind);

    /// <summary>
    /// What this person may see of the panel's cases and the agreement it is shared under. Administrators see every
    /// panel's; a chair only the panels they chair (docs/decisions/0019-panels.md). Refuses people outside the panel,
    /// and members until they have acknowledged the current agreement.
    /// </summary>
    public async Task<SharingBasis> BasisAsync(Actor actor, Guid panelId, CancellationToken cancellationToken = default)
    {
        var panel = await RulesAsync(panelId, cancellationToken);
        if (actor.Is(Role.Administrator) || (actor.Is(Role.Chair) && panel.ChairPersonIds.Contains(actor.PersonId)))
            return new SharingBasis(panelId, panel.AgreementNumber, SeesVictimDetails: true, SeesEveryAgencysResearch: true, actor.AgencyId,
                ChairsOrAdministers: true);
        if (!actor.Is(Role.AgencyMember) || !panel.VictimTierByAgency.TryGetValue(actor.AgencyId, out var victimTier))
            throw new AccessDeniedException("Only the panel's member agencies, chairs and administrators can see its cases.");
        if (panel.AgreementNumber is not { } number)
            throw new AgreementNotAcknowledgedException(panelId,
                "This panel has no information-sharing agreement yet, so no case information can be shared with agencies. Ask the panel's administrator to publish one.");
        if (!await HasAcknowledgedAsync(panelId, number, actor.PersonId, cancellationToken))
            throw new AgreementNotAcknowledgedException(panelId,
                $"Read and acknowledge the panel's information-sharing agreement (version {number}) before you see its cases.");
        return new SharingBasis(panelId, number, victimTier, SeesEveryAgencysResearch: false, actor.AgencyId);
    }

    /// <summary>
    /// What this person may see of one meeting's cases: as <see cref="BasisAsync"/>, and for member agencies only
    /// once the meeting's case list has been circulated. Every door to a meeting's cases asks here: its pages, the
    /// live room and hub, downloads, and the commands that add to it.
    /// </summary>
    public async Task<SharingBasis> MeetingBasisAsync(Actor actor, Guid panelId, MeetingStatus status,
        CancellationToken cancellationToken = default)
    {
        var basis = await BasisAsync(actor, panelId, cancellationToken);
        if (status == MeetingStatus.Draft && !basis.ChairsOrAdministers)
            throw new AccessDeniedException(NotCirculated);
        return basis;
    }

    /// <summary>What a member agency is told on the meeting's page before its case list is circulated.</summary>
    public const string AgendaNotYetShared =
        "The cases on this meeting's agenda are shared with member agencies when the administrator circulates the case list.";

    public const string NotCirculated =
        "This case list has not been circulated yet: member agencies see the meeting's cases once the administrator sends it.";

    public async Task<bool> HasAcknowledgedAsync(Guid panelId, int number, Guid personId, CancellationToken cancellationToken = default)
    {
        if (acknowledged.ContainsKey((panelId, number, personId))) return true;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.AgreementAcknowledgements.AnyAsync(
            a => a.PanelId == panelId && a.AgreementNumber == number && a.PersonId == personId, cancellationToken);
        if (found) Remember(panelId, number, personId);
        return found;
    }

    /// <summary>
    /// After an agreement is published, victim-tier agencies, member agencies or chairs change, so this node applies
    /// it at once.
    /// </summary>
    public void Forget(Guid panelId) => rules.TryRemove(panelId, out _);

    /// <summary>After an agency's kind changes: its default tier may change on every panel it sits on.</summary>
    public void ForgetAll() => rules.Clear();

    internal void Remember(Guid panelId, int number, Guid personId) => acknowledged[(panelId, number, personId)] = 0;

    async Task<PanelRules> RulesAsync(Guid panelId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (rules.TryGetValue(panelId, out var cached) && now - cached.LoadedAt < RulesFreshFor) return cached;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var number = await db.InformationSharingAgreements.Where(a => a.PanelId == panelId)
            .MaxAsync(a => (int?)a.Number, cancellationToken);
        var members = await db.PanelMemberships.AsNoTracking().Where(m => m.PanelId == panelId)
            .Select(m => new { m.AgencyId, m.SharesVictimDetails, m.Agency!.Kind }).ToListAsync(cancellationToken);
        var chairs = await db.PanelChairs.AsNoTracking().Where(c => c.PanelId == panelId).Select(c => c.PersonId)
            .ToListAsync(cancellationToken);
        var loaded = new PanelRules(number,
            members.ToDictionary(m => m.AgencyId, m => m.SharesVictimDetails ?? SharesVictimDetailsByDefault(m.Kind)),
            chairs.ToHashSet(), now);
        rules[panelId] = loaded;
        return loaded;
    }
}

/// <summary>What one person may see of one panel's cases, and the agreement it is shared under.</summary>
/// <param name="ChairsOrAdministers">The person chairs this panel or administers the deployment: they see its cases by
/// role, drafts included, without acknowledging its agreement.</param>
public sealed record SharingBasis(Guid PanelId, int? AgreementNumber, bool SeesVictimDetails, bool SeesEveryAgencysResearch,
    Guid AgencyId, bool ChairsOrAdministers = false)
{
    /// <summary>Written into every audit entry that records a sharing of case information.</summary>
    public string Recorded => AgreementNumber is { } n
        ? $"basis: information-sharing agreement v{n}"
        : "basis: no information-sharing agreement published";

    public bool SeesResearchNotesOf(Guid agencyId) => SeesEveryAgencysResearch || agencyId == AgencyId;

    /// <summary>
    /// For what only the panel's own chairs and administrators may do: someone with the chair role who sits on this
    /// panel for their agency (and chairs another) is refused like any member.
    /// </summary>
    public SharingBasis OfChairsOrAdministrators(string whatFor) => ChairsOrAdministers
        ? this
        : throw new AccessDeniedException($"Only this panel's chairs and administrators can {whatFor}.");

    public VictimInformation Victims(IEnumerable<string> names, int childrenCount) =>
        SeesVictimDetails ? VictimInformation.Shared(names, childrenCount) : VictimInformation.Withheld;
}

/// <summary>
/// The victim-survivor and child tier of a case as one viewer may see it: names and the number of children, or
/// the plain fact that they are withheld. Addresses and contact details never leave case detail.
/// </summary>
public sealed record VictimInformation(bool IsWithheld, IReadOnlyList<string> Names, int? ChildrenCount)
{
    public static VictimInformation Withheld { get; } = new(true, ValueList<string>.Empty, null);

    public static VictimInformation Shared(IEnumerable<string> names, int childrenCount) =>
        new(false, names.Order().ToValueList(), childrenCount);

    public string NamesText => IsWithheld ? NeedToKnow.WithheldMarker : Names.Count > 0 ? string.Join(", ", Names) : "none named";

    public string ChildrenText => ChildrenCount is { } n ? n.ToString() : NeedToKnow.WithheldMarker;
}

/// <summary>A member who has not acknowledged the panel's current agreement sees no case information.</summary>
public sealed class AgreementNotAcknowledgedException(Guid panelId, string message) : AccessDeniedException(message)
{
    public Guid PanelId { get; } = panelId;
}
