using DapPanel.Core.Agenda;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Referrals;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.ReviewUpdates;

public interface IReviewUpdateService
{
    Task<ReviewItemsView> ListAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
    Task<ReviewUpdateForm> GetFormAsync(Actor actor, Guid agendaItemId, CancellationToken cancellationToken = default);
    Task SaveAsync(Actor actor, ReviewUpdateInput input, CancellationToken cancellationToken = default);
    /// <summary>The update for an agenda item, or null when none has been written.</summary>
    Task<ReviewUpdateView?> GetAsync(Actor actor, Guid agendaItemId, CancellationToken cancellationToken = default);
}

/// <summary>The case-management provider writes; chairs and administrators read.</summary>
public sealed class ReviewUpdateService(
    IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NeedToKnow needToKnow, TimeProvider clock)
    : IReviewUpdateService
{
    public async Task<ReviewItemsView> ListAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var writer = await IsProviderAsync(db, actor, cancellationToken);
        if (!writer && !actor.IsAny(Role.Administrator, Role.Chair))
            throw new AccessDeniedException("Only the case-management provider, chairs and administrators can see review updates.");
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Panel).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
        var listed = await BasisAsync(db, actor, meetingId, cancellationToken);
        if (!writer) listed.OfChairsOrAdministrators("see its review updates");
        var items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meetingId
                && (i.Kind == AgendaItemKind.Review || i.Kind == AgendaItemKind.ClosureProposal))
            .OrderBy(i => i.Order)
            .Select(i => new ReviewItemRow(i.Id, i.Order, i.Case!.Reference, i.Case.Perpetrator.FullName,
                db.ReviewUpdates.Where(u => u.AgendaItemId == i.Id).Select(u => (DateTimeOffset?)u.WrittenAt).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        await audit.RecordDisclosureAsync(actor, $"Opened the review updates ({items.Count} reviews)", meetingId: meetingId,
            cancellationToken: cancellationToken);
        return new ReviewItemsView(AgendaService.Heading(meeting), writer && Editable(meeting.Status), items);
    }

    public async Task<ReviewUpdateForm> GetFormAsync(Actor actor, Guid agendaItemId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequireProviderAsync(db, actor, cancellationToken);
        var item = await ItemAsync(db, agendaItemId, cancellationToken);
        var basis = await BasisAsync(db, actor, item.MeetingId, cancellationToken);
        var victims = (await db.VictimSurvivors.AsNoTracking().Where(v => v.CaseId == item.CaseId).OrderBy(v => v.FullName)
            .Select(v => new { v.Id, v.FullName }).ToListAsync(cancellationToken))
            .Select((v, i) => new VictimOption(v.Id, VictimLabel(basis, v.FullName, i))).ToList();
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name).Select(a => new AgencyOption(a.Id, a.Name, a.Kind))
            .ToListAsync(cancellationToken);
        var existing = await db.ReviewUpdates.AsNoTracking().Include(u => u.Interventions).Include(u => u.Severities)
            .SingleOrDefaultAsync(u => u.AgendaItemId == agendaItemId, cancellationToken);
        // Needs start from the case's latest rating, so the case manager changes only what has changed.
        var needs = existing?.Needs ?? await LatestNeedsAsync(db, item.CaseId, cancellationToken);
        var input = new ReviewUpdateInput
        {
            AgendaItemId = agendaItemId,
            WorkStatus = existing?.WorkStatus,
            Engagement = existing?.Engagement ?? (item.Case!.Engagement == EngagementStatus.NotYetKnown ? null : item.Case.Engagement),
            BehaviourChangeSessions = existing?.BehaviourChangeSessions ?? 0,
            Notes = existing?.Notes,
            Needs = needs?.Copy() ?? NeedsRatings.AllNotKnown(),
            Interventions = existing?.Interventions.Select(i => new InterventionInput { Kind = i.Kind, AgencyId = i.AgencyId }).ToList() ?? [],
            Severities = victims.SelectMany(v => Enum.GetValues<AbuseType>().Select(t => new SeverityInput
            {
                VictimSurvivorId = v.Id, AbuseType = t,
                Severity = existing?.Severities.FirstOrDefault(s => s.VictimSurvivorId == v.Id && s.AbuseType == t)?.Severity
                    ?? AbuseSeverity.Unknown,
            })).ToList(),
        };
        await audit.RecordDisclosureAsync(actor, $"Opened the review update form for {item.Case!.Reference}",
            caseId: item.CaseId, meetingId: item.MeetingId, cancellationToken: cancellationToken);
        return new ReviewUpdateForm(agendaItemId, item.MeetingId, item.Case!.Reference, item.Case.Perpetrator.FullName, victims,
            agencies, input);
    }

    public async Task SaveAsync(Actor actor, ReviewUpdateInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequireProviderAsync(db, actor, cancellationToken);
        var item = await db.AgendaItems.Include(i => i.Case).Include(i => i.Meeting)
            .SingleOrDefaultAsync(i => i.Id == input.AgendaItemId, cancellationToken)
            ?? throw new NotFoundException("That agenda item does not exist.");
        if (!IsUpdated(item.Kind)) throw new DomainRuleException(NotUpdated);
        await needToKnow.MeetingBasisAsync(actor, item.Meeting!.PanelId, item.Meeting.Status, cancellationToken);
        if (!Editable(item.Meeting.Status))
            throw new DomainRuleException("The meeting has started: give the update in the room.");
        var victimIds = await db.VictimSurvivors.Where(v => v.CaseId == item.CaseId).Select(v => v.Id).ToListAsync(cancellationToken);
        InvalidInputException.ThrowIfAny(input.Problems(victimIds));
        var agencyIds = input.Interventions.Select(i => i.AgencyId!.Value).Distinct().ToList();
        if (await db.Agencies.CountAsync(a => agencyIds.Contains(a.Id), cancellationToken) != agencyIds.Count)
            throw new NotFoundException("One of the intervention agencies no longer exists; choose again.");

        var update = await db.ReviewUpdates.Include(u => u.Interventions).Include(u => u.Severities)
            .SingleOrDefaultAsync(u => u.AgendaItemId == item.Id, cancellationToken);
        if (update is null)
        {
            update = new ReviewUpdate { AgendaItemId = item.Id, CaseId = item.CaseId };
            db.ReviewUpdates.Add(update);
        }
        update.WorkStatus = input.WorkStatus!.Value;
        update.Engagement = input.Engagement!.Value;
        update.BehaviourChangeSessions = input.BehaviourChangeSessions;
        update.Notes = PlainText.IsBlank(input.Notes) ? null : input.Notes.Trim();
        update.Needs = input.Needs.Copy();
        update.WrittenByPersonId = actor.PersonId;
        update.WrittenAt = clock.GetUtcNow();
        db.Interventions.RemoveRange(update.Interventions);
        db.SeverityRatings.RemoveRange(update.Severities);
        db.Interventions.AddRange(input.Interventions.Select(i => new Intervention
            { ReviewUpdateId = update.Id, Kind = i.Kind!.Value, AgencyId = i.AgencyId!.Value }));
        db.SeverityRatings.AddRange(input.Severities.Select(s => new SeverityRating
            { ReviewUpdateId = update.Id, VictimSurvivorId = s.VictimSurvivorId, AbuseType = s.AbuseType, Severity = s.Severity }));
        item.Case!.Engagement = update.Engagement;
        audit.Add(db, actor, AuditAction.Changed,
            $"Wrote the review update for {item.Case.Reference}: {update.WorkStatus.Label().ToLowerInvariant()}, "
            + $"{input.Interventions.Count} interventions", caseId: item.CaseId, meetingId: item.MeetingId);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ReviewUpdateView?> GetAsync(Actor actor, Guid agendaItemId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!actor.IsAny(Role.Administrator, Role.Chair) && !await IsProviderAsync(db, actor, cancellationToken))
            throw new AccessDeniedException("Only the case-management provider, chairs and administrators can read review updates.");
        var update = await db.ReviewUpdates.AsNoTracking().Include(u => u.Interventions).ThenInclude(i => i.Agency)
            .Include(u => u.Severities).SingleOrDefaultAsync(u => u.AgendaItemId == agendaItemId, cancellationToken);
        if (update is null) return null;
        var meetingId = await db.AgendaItems.Where(i => i.Id == agendaItemId).Select(i => i.MeetingId).SingleAsync(cancellationToken);
        var basis = await BasisAsync(db, actor, meetingId, cancellationToken);
        if (!await IsProviderAsync(db, actor, cancellationToken)) basis.OfChairsOrAdministrators("read its review updates");
        var reference = await db.Cases.Where(c => c.Id == update.CaseId).Select(c => c.Reference).SingleAsync(cancellationToken);
        var victims = await db.VictimSurvivors.AsNoTracking().Where(v => v.CaseId == update.CaseId).OrderBy(v => v.FullName)
            .ToListAsync(cancellationToken);
        var writer = await db.People.Where(p => p.Id == update.WrittenByPersonId).Select(p => p.FullName)
            .SingleOrDefaultAsync(cancellationToken) ?? "—";
        await audit.RecordDisclosureAsync(actor, $"Read the review update for {reference}",
            caseId: update.CaseId, cancellationToken: cancellationToken);
        var grid = victims.Select((v, i) => new SeverityRow(VictimLabel(basis, v.FullName, i), Enum.GetValues<AbuseType>().ToDictionary(t => t,
            t => update.Severities.FirstOrDefault(s => s.VictimSurvivorId == v.Id && s.AbuseType == t)?.Severity
                ?? AbuseSeverity.Unknown))).ToList();
        return new ReviewUpdateView(reference, update.WorkStatus, update.Engagement, update.BehaviourChangeSessions, update.Notes,
            update.Interventions.Select(i => new InterventionView(i.Kind, i.Agency!.Name)).ToList(), grid, writer, update.WrittenAt);
    }

    /// <summary>The provider is a member agency like any other: its people see a meeting's cases once it is circulated.</summary>
    async Task<SharingBasis> BasisAsync(DapPanelDbContext db, Actor actor, Guid meetingId, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.Where(m => m.Id == meetingId).Select(m => new { m.PanelId, m.Status })
            .SingleAsync(cancellationToken);
        return await needToKnow.MeetingBasisAsync(actor, meeting.PanelId, meeting.Status, cancellationToken);
    }

    /// <summary>The severity grid's rows name victim-survivors only for those who may see victim details.</summary>
    static string VictimLabel(SharingBasis basis, string fullName, int index) =>
        basis.SeesVictimDetails ? fullName : $"Victim-survivor {index + 1} (name withheld)";

    /// <summary>Reviews, and closure proposals: the update before closure holds the exit Severity of Abuse Grid.</summary>
    static bool IsUpdated(AgendaItemKind kind) => kind is AgendaItemKind.Review or AgendaItemKind.ClosureProposal;

    const string NotUpdated = "Updates are written for review items and closure proposals only.";

    /// <summary>The case's most recent needs rating: its latest update's, or else its intake record's.</summary>
    static async Task<NeedsRatings?> LatestNeedsAsync(DapPanelDbContext db, Guid caseId, CancellationToken cancellationToken) =>
        (await db.ReviewUpdates.AsNoTracking().Where(u => u.CaseId == caseId && u.Needs != null)
            .Join(db.AgendaItems, u => u.AgendaItemId, i => i.Id, (u, i) => new { u.Needs, i.Meeting!.StartsAt })
            .ToListAsync(cancellationToken)).MaxBy(x => x.StartsAt)?.Needs
        ?? await db.CaseIntakes.AsNoTracking().Where(i => i.CaseId == caseId).Select(i => i.Needs).FirstOrDefaultAsync(cancellationToken);

    static bool Editable(MeetingStatus status) => status is MeetingStatus.Circulated;

    static async Task<AgendaItem> ItemAsync(DapPanelDbContext db, Guid agendaItemId, CancellationToken cancellationToken)
    {
        var item = await db.AgendaItems.AsNoTracking().Include(i => i.Case).SingleOrDefaultAsync(i => i.Id == agendaItemId, cancellationToken)
            ?? throw new NotFoundException("That agenda item does not exist.");
        if (!IsUpdated(item.Kind)) throw new DomainRuleException(NotUpdated);
        return item;
    }

    static async Task<bool> IsProviderAsync(DapPanelDbContext db, Actor actor, CancellationToken cancellationToken) =>
        actor.Is(Role.AgencyMember) && await db.Agencies.AnyAsync(
            a => a.Id == actor.AgencyId && a.Kind == AgencyKind.CaseManagementProvider, cancellationToken);

    static async Task RequireProviderAsync(DapPanelDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        if (!await IsProviderAsync(db, actor, cancellationToken))
            throw new AccessDeniedException("Only the case-management provider writes review updates.");
    }
}
