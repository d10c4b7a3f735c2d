using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.LiveMeeting;

static class LiveAccess
{
    const string Refusal = "Only the panel's chairs, administrators and member agencies can join this meeting.";

    /// <summary>Chairs, administrators and members of the panel's agencies; managers see figures, not cases.</summary>
    public static async Task EnsureCanEnterAsync(DapPanelDbContext db, Actor actor, Guid panelId, CancellationToken cancellationToken)
    {
        if (actor.IsAny(Role.Chair, Role.Administrator)) return;
        if (actor.Is(Role.AgencyMember)
            && await db.PanelMemberships.AnyAsync(m => m.PanelId == panelId && m.AgencyId == actor.AgencyId, cancellationToken))
            return;
        throw new AccessDeniedException(Refusal);
    }

    public static void EnsureCanEnter(MeetingSnapshot snapshot, Actor actor)
    {
        if (actor.IsAny(Role.Chair, Role.Administrator)) return;
        if (actor.Is(Role.AgencyMember) && snapshot.MemberAgencyIds.Contains(actor.AgencyId)) return;
        throw new AccessDeniedException(Refusal);
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
