using DapPanel.Core.InformationSharing;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;

namespace DapPanel.Core.LiveMeeting;

static class LiveAccess
{
    const string Refusal = "Only the panel's chairs, administrators and member agencies can join this meeting.";

    /// <summary>
    /// Chairs and administrators; members of the panel's agencies who have acknowledged its current agreement, once
    /// the case list is circulated. Managers see figures, not cases.
    /// </summary>
    public static Task<SharingBasis> EnsureCanEnterAsync(NeedToKnow needToKnow, Actor actor, Meeting meeting,
        CancellationToken cancellationToken) =>
        needToKnow.MeetingBasisAsync(actor, meeting.PanelId, meeting.Status, cancellationToken);

    /// <summary>The quick check against a snapshot; callers still ask <see cref="NeedToKnow"/> for the basis.</summary>
    public static void EnsureCanEnter(MeetingSnapshot snapshot, Actor actor)
    {
        if (actor.IsAny(Role.Chair, Role.Administrator)) return;
        if (!actor.Is(Role.AgencyMember) || !snapshot.MemberAgencyIds.Contains(actor.AgencyId))
            throw new AccessDeniedException(Refusal);
        if (snapshot.View.Status == MeetingStatus.Draft)
            throw new AccessDeniedException(NeedToKnow.NotCirculated);
    }

    public const string ChairsOfThisPanelOnly =
        "Only this panel's chairs can do that: you sit on this panel for your agency, not as its chair.";

    /// <summary>
    /// Chairing is per panel. Someone with the chair role who does not chair this meeting's panel (a chair elsewhere who
    /// sits here for their agency) acts here as the agency member they are: a chair's command is refused, and every other
    /// check sees them without the role.
    /// </summary>
    public static Actor OnThisPanel(Actor actor, SharingBasis basis, bool chairsOnly)
    {
        if (basis.ChairsOrAdministers || !actor.Is(Role.Chair)) return actor;
        if (chairsOnly) throw new AccessDeniedException(ChairsOfThisPanelOnly);
        return actor with { Roles = actor.Roles.Where(role => role != Role.Chair).ToHashSet() };
    }

    /// <summary>Agencies speak for themselves; a chair may record for any agency at the table.</summary>
    public static void EnsureSpeaksFor(Actor actor, Guid agencyId)
    {
        if (actor.Is(Role.Chair)) return;
        if (!actor.Is(Role.AgencyMember))
            throw new AccessDeniedException("Only chairs and the panel's member agencies can add or change levers and actions.");
        if (actor.AgencyId == agencyId) return;
        throw new AccessDeniedException("You can only add or change your own agency's levers and actions.");
    }

    /// <summary>Levers and actions are taken from circulation to close; after that only chairs correct.</summary>
    public static void EnsureOpenForContributions(Meeting meeting, Actor actor)
    {
        switch (meeting.Status)
        {
            case MeetingStatus.Draft:
                throw new DomainRuleException("The case list has not been circulated yet; levers open once it is.");
            case MeetingStatus.Closed when !actor.Is(Role.Chair):
                throw new DomainRuleException("The meeting is closed; ask a chair to correct the record.");
        }
    }
}
