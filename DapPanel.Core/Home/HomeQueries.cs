using DapPanel.Core.Audit;
using DapPanel.Core.Cases;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Meetings;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Home;

public sealed record AgencyActionView(ActionView Action, string CaseReference, DateTimeOffset AgreedAt);

/// <param name="PanelsAwaitingAgreement">
/// The person's panels whose current information-sharing agreement they have not acknowledged yet: their case
/// information, and the agency's actions on them, stay hidden until they do.
/// </param>
/// <param name="UnfinalisedMinutes">For chairs: past meetings whose minutes are not final yet, oldest first.</param>
/// <param name="WritesReviewUpdates">The person's agency is the case-management provider, who writes review updates.</param>
public sealed record HomeView(string AgencyName, IReadOnlyList<MeetingSummary> NextMeetings,
    IReadOnlyList<AgencyActionView> OpenActions, IReadOnlyList<Guid> PanelsAwaitingAgreement,
    IReadOnlyList<MeetingSummary> UnfinalisedMinutes, bool WritesReviewUpdates);

public interface IHomeQueries
{
    Task<HomeView> GetAsync(Actor actor, CancellationToken cancellationToken = default);
}

public sealed class HomeQueries(IDbContextFactory<DapPanelDbContext> dbFactory, IMeetingQueries meetings, NeedToKnow needToKnow,
    IAuditLog audit, TimeProvider clock) : IHomeQueries
{
    public async Task<HomeView> GetAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = PanelTime.Today(clock);
        var all = await meetings.ListAsync(actor, cancellationToken: cancellationToken);
        var next = all.Where(m => m.Status != MeetingStatus.Closed && m.StartsAt.AddHours(6) >= now)
            .OrderBy(m => m.StartsAt).Take(3).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        List<MeetingSummary> unfinalised = [];
        if (actor.Is(Role.Chair))
        {
            // Only the panels they chair: a chair who sits on another panel for their agency does not finalise its minutes.
            var closed = all.Where(m => m.Status == MeetingStatus.Closed && m.Minutes != MinutesStatus.Final).Select(m => m.Id).ToList();
            var chaired = db.ChairedPanelIds(actor);
            var theirs = await db.Meetings.Where(m => closed.Contains(m.Id) && chaired.Contains(m.PanelId)).Select(m => m.Id)
                .ToListAsync(cancellationToken);
            unfinalised = all.Where(m => theirs.Contains(m.Id)).OrderBy(m => m.StartsAt).ToList();
        }
        var agency = await db.Agencies.Where(a => a.Id == actor.AgencyId).Select(a => new { a.Name, a.Kind })
            .SingleOrDefaultAsync(cancellationToken);
        var agencyName = agency?.Name ?? "";
        var writesReviewUpdates = actor.Is(Role.AgencyMember) && agency?.Kind == AgencyKind.CaseManagementProvider;
        var open = await db.Actions.AsNoTracking()
            .Where(a => a.OwnerAgencyId == actor.AgencyId && a.Status == ActionStatus.Open)
            .Join(db.AgendaItems, a => a.AgendaItemId, i => i.Id, (a, i) => new
            {
                a.Id, a.Description, Agency = a.OwnerAgency!.Name,
                Person = a.OwnerPerson == null ? null : a.OwnerPerson.FullName,
                a.DueOn, a.Status, CaseReference = a.Case!.Reference, AgreedAt = i.Meeting!.StartsAt, i.Meeting.PanelId,
            })
            .ToListAsync(cancellationToken);

        // An action names a case and what is being done about it: shown under the panel's agreement, as its case list is.
        // A member who has not acknowledged a panel's agreement is asked to, whether or not it has actions for them.
        var panels = actor.Is(Role.AgencyMember)
            ? await db.VisiblePanelIds(actor).ToListAsync(cancellationToken)
            : [];
        var shownPanels = new HashSet<Guid>();
        var awaiting = new List<Guid>();
        foreach (var panelId in panels.Union(open.Select(a => a.PanelId)).Distinct())
        {
            try
            {
                await needToKnow.BasisAsync(actor, panelId, cancellationToken);
                shownPanels.Add(panelId);
            }
            catch (AgreementNotAcknowledgedException) { awaiting.Add(panelId); }
            catch (AccessDeniedException) { }
        }

        var shown = open
            .Where(a => shownPanels.Contains(a.PanelId))
            .OrderBy(a => a.DueOn)
            .Select(a => new AgencyActionView(
                new ActionView(a.Id, a.Description, a.Agency, a.Person, a.DueOn, a.Status, a.DueOn < today),
                a.CaseReference, a.AgreedAt))
            .ToList();
        if (shown.Count > 0)
            await audit.RecordDisclosureAsync(actor, $"Opened Home: {shown.Count} open actions of {agencyName}",
                cancellationToken: cancellationToken);
        return new HomeView(agencyName, next, shown, awaiting, unfinalised, writesReviewUpdates);
    }
}
