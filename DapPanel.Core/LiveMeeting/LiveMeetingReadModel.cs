using System.Collections.Concurrent;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Sharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.LiveMeeting;

/// <summary>
/// A meeting as last saved, with who may see it; shared by everyone in the room. It is built once in two
/// forms: View with victim-survivor and child details, for those who may see them, and WithheldView, the same
/// objects but for the case cards, for every other member (NeedToKnow picks one per viewer).
/// </summary>
public sealed record MeetingSnapshot(LiveMeetingView View, LiveMeetingView WithheldView, Guid PanelId,
    IReadOnlySet<Guid> MemberAgencyIds, IReadOnlyDictionary<Guid, string> AgencyNames)
{
    public LiveMeetingView For(SharingBasis basis) => basis.SeesVictimDetails ? View : WithheldView;
}

/// <summary>
/// Keeps one versioned snapshot per meeting, rebuilt once per change: a room of 300 refreshing after
/// one event costs one database read, not 300.
/// </summary>
public sealed class LiveMeetingReadModel(IDbContextFactory<DapPanelDbContext> dbFactory, TimeProvider clock)
{
    readonly ConcurrentDictionary<Guid, Lazy<Task<MeetingSnapshot?>>> snapshots = new();
    readonly ConcurrentDictionary<Guid, PanelTable> tables = new();

    public async Task<MeetingSnapshot?> GetAsync(Guid meetingId, long atLeastVersion = 0)
    {
        var snapshot = await snapshots.GetOrAdd(meetingId, Build).Value;
        if (snapshot is not null && snapshot.View.Version >= atLeastVersion) return snapshot;
        // Built before the change it is asked about, or the meeting was missing: build once more.
        Invalidate(meetingId);
        return await snapshots.GetOrAdd(meetingId, Build).Value;
    }

    public void Invalidate(Guid meetingId) => snapshots.TryRemove(meetingId, out _);

    Lazy<Task<MeetingSnapshot?>> Build(Guid meetingId) => new(() => LoadAsync(meetingId));

    async Task<MeetingSnapshot?> LoadAsync(Guid meetingId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var version = await db.MeetingChanges.Where(c => c.MeetingId == meetingId).MaxAsync(c => (long?)c.Id) ?? 0;
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Panel)
            .Include(m => m.AgendaItems).ThenInclude(i => i.Decision)
            .Include(m => m.AgendaItems).ThenInclude(i => i.Case).ThenInclude(c => c!.VictimSurvivors)
            .AsSplitQuery()
            .SingleOrDefaultAsync(m => m.Id == meetingId);
        if (meeting is null) return null;

        var caseIds = meeting.AgendaItems.Select(i => i.CaseId).ToList();
        var levers = await db.Levers.AsNoTracking().Where(l => caseIds.Contains(l.CaseId)).ToListAsync();
        var actions = await db.Actions.AsNoTracking().Include(a => a.OwnerPerson)
            .Where(a => caseIds.Contains(a.CaseId)).ToListAsync();
        var repeats = (await db.Referrals.AsNoTracking().Where(r => r.IsRepeat && caseIds.Contains(r.CaseId))
            .Select(r => r.CaseId).ToListAsync()).ToHashSet();
        var itemIds = meeting.AgendaItems.Select(i => i.Id).ToHashSet();
        var table = await TableAsync(db, meeting.PanelId);
        var agencyNames = table.AgencyNames;
        var today = PanelTime.Today(clock);

        var items = meeting.AgendaItems.OrderBy(i => i.Order).Select(item => new LiveItem(
            item.Id, item.Order, item.Kind, item.PlannedMinutes, item.Focus, ProgressOf(item, meeting),
            item.ElapsedSeconds, item.TimerStartedAt, CaseOf(item.Case!, today, repeats.Contains(item.CaseId)),
            item.Decision is { } d
                ? new LiveDecision(d.Outcome, d.Rationale, d.ClosureReason, d.ReviewOn, d.ExtensionReason, d.RecordedByName,
                    d.RecordedAt, d.Version)
                : null,
            levers.Where(l => l.CaseId == item.CaseId)
                .OrderBy(l => agencyNames.GetValueOrDefault(l.AgencyId)).ThenBy(l => l.OfferedAt)
                .Select(l => new LiveLever(l.Id, l.AgencyId, agencyNames.GetValueOrDefault(l.AgencyId, ""), l.Family, l.Area,
                    l.Description, l.IsWithdrawn, l.MeetingId == meetingId, l.Version))
                .ToValueList(),
            actions.Where(a => a.CaseId == item.CaseId && (a.AgendaItemId == item.Id || (a.Status == ActionStatus.Open && !itemIds.Contains(a.AgendaItemId))))
                .OrderBy(a => a.DueOn)
                .Select(a => new LiveAction(a.Id, a.Description, a.OwnerAgencyId, agencyNames.GetValueOrDefault(a.OwnerAgencyId, ""),
                    a.OwnerPersonId, a.OwnerPerson?.FullName, a.DueOn, a.Status, a.AgendaItemId == item.Id,
                    a.IsOverdue(today), a.Version))
                .ToValueList()))
            .ToValueList();

        var view = new LiveMeetingView(meeting.Id, version, meeting.Panel!.Name, meeting.Status, meeting.StartsAt,
            meeting.PlannedMinutes, meeting.Location, meeting.OnlineLink, meeting.StartedAt, meeting.CurrentItemId, items,
            table.Agencies, table.CoreAgencyIds, ValueList<PresentPerson>.Empty);
        var withheld = view with
        {
            Items = items.Select(i => i with { Case = i.Case with { Victims = VictimInformation.Withheld } }).ToValueList(),
        };
        return new MeetingSnapshot(view, withheld, meeting.PanelId, table.MemberIds, agencyNames);
    }

    /// <summary>
    /// The panel's member agencies and their people, in every snapshot but changed only by an administrator: read
    /// again at most every 30 seconds (as <see cref="NeedToKnow"/> reads the panel's sharing rules), not on every
    /// change in the room.
    /// </summary>
    async Task<PanelTable> TableAsync(DapPanelDbContext db, Guid panelId)
    {
        var now = clock.GetUtcNow();
        if (tables.TryGetValue(panelId, out var cached) && now - cached.ReadAt < NeedToKnow.RulesFreshFor) return cached;
        var memberships = await db.PanelMemberships.AsNoTracking().Where(m => m.PanelId == panelId).ToListAsync();
        var memberIds = memberships.Select(m => m.AgencyId).ToHashSet();
        var agencies = await db.Agencies.AsNoTracking().Include(a => a.People)
            .Where(a => memberIds.Contains(a.Id)).OrderBy(a => a.Name).ToListAsync();
        var table = new PanelTable(memberIds, agencies.ToDictionary(a => a.Id, a => a.Name),
            agencies.Select(a => new AgencyAtTable(a.Id, a.Name, a.Kind,
                a.People.OrderBy(p => p.FullName).Select(p => new PersonOption(p.Id, p.FullName)).ToValueList())).ToValueList(),
            memberships.Where(m => m.IsCore).Select(m => m.AgencyId).ToValueList(), now);
        tables[panelId] = table;
        return table;
    }

    sealed record PanelTable(IReadOnlySet<Guid> MemberIds, IReadOnlyDictionary<Guid, string> AgencyNames,
        ValueList<AgencyAtTable> Agencies, ValueList<Guid> CoreAgencyIds, DateTimeOffset ReadAt);

    static ItemProgress ProgressOf(AgendaItem item, Meeting meeting) =>
        item.IsDeferred ? ItemProgress.Deferred
        : item.Id == meeting.CurrentItemId ? ItemProgress.Current
        : item.HeardAt is not null || item.Decision is not null ? ItemProgress.Heard
        : ItemProgress.ToCome;

    static LiveCase CaseOf(Case c, DateOnly today, bool isRepeat) => new(c.Id, c.Reference, c.Perpetrator.FullName, c.RiskLevel,
        c.ReferralSource, c.Status, c.IsSerialPerpetrator, c.VictimSurvivors.Count,
        VictimInformation.Shared(c.VictimSurvivors.Select(v => v.FullName), c.ChildrenCount), c.Summary,
        c.OffendingHistory, c.AcceptedOn, c.EarliestClosureOn, c.NeedsExtensionReason(today), isRepeat);
}
