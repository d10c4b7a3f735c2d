using System.Collections.Concurrent;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DapPanel.Core.LiveMeeting;

/// <summary>
/// A meeting as last saved, with who may see it; shared by everyone in the room. It is built once in two
/// forms: View with victim-survivor and child details, for those who may see them, and WithheldView, the same
/// objects but for the case cards, for every other member (NeedToKnow picks one per viewer).
/// </summary>
public sealed record MeetingSnapshot(LiveMeetingView View, LiveMeetingView WithheldView, Guid PanelId,
    IReadOnlySet<Guid> MemberAgencyIds, IReadOnlyDictionary<Guid, string> AgencyNames)
{
    /// <summary>What this reader is shown: victim details or not, and whether they chair the meeting's panel (a copy of
    /// the record only for its few chairs; every other reader shares one of the two views).</summary>
    public LiveMeetingView For(SharingBasis basis) => basis.ChairsOrAdministers
        ? View with { ChairsOrAdministers = true }
        : basis.SeesVictimDetails ? View : WithheldView;
}

/// <summary>What of a meeting's snapshot a command changed: one case's levers, one case's actions, or anything.</summary>
public enum SnapshotPart { Whole, Levers, Actions }

/// <summary>
/// Keeps one versioned snapshot per meeting, brought up to date once per change: a room of 300 refreshing after
/// one event costs one database read, not 300. A snapshot is released when the meeting closes, when the last
/// person on this node leaves its room, or when nobody has read it for <see cref="IdleFor"/>.
/// </summary>
public sealed class LiveMeetingReadModel(IDbContextFactory<DapPanelDbContext> dbFactory, TimeProvider clock,
    ILogger<LiveMeetingReadModel>? logger = null)
{
    /// <summary>A snapshot nobody has read for this long is dropped the next time another is built.</summary>
    public static readonly TimeSpan IdleFor = TimeSpan.FromMinutes(15);

    readonly ConcurrentDictionary<Guid, Lazy<Task<MeetingSnapshot?>>> snapshots = new();
    readonly ConcurrentDictionary<Guid, DateTimeOffset> lastRead = new();
    readonly ConcurrentDictionary<Guid, PanelTable> tables = new();
    readonly ILogger log = logger ?? NullLogger<LiveMeetingReadModel>.Instance;

    public async Task<MeetingSnapshot?> GetAsync(Guid meetingId, long atLeastVersion = 0, CancellationToken cancellationToken = default)
    {
        lastRead[meetingId] = clock.GetUtcNow();
        var snapshot = await snapshots.GetOrAdd(meetingId, Build).Value.WaitAsync(cancellationToken);
        if (snapshot is not null && snapshot.View.Version >= atLeastVersion) return snapshot;
        // Built before the change it is asked about, or the meeting was missing: build once more.
        Invalidate(meetingId);
        return await snapshots.GetOrAdd(meetingId, Build).Value.WaitAsync(cancellationToken);
    }

    public void Invalidate(Guid meetingId) => snapshots.TryRemove(meetingId, out _);

    /// <summary>Nobody needs the meeting's snapshot now (it closed, or its room is empty): built again if asked for.</summary>
    public void Release(Guid meetingId)
    {
        snapshots.TryRemove(meetingId, out _);
        lastRead.TryRemove(meetingId, out _);
        shown.TryRemove(meetingId, out _);
    }

    /// <summary>Meetings with a snapshot held (or being built), or remembered as open, on this node.</summary>
    public int Held => snapshots.Keys.Union(shown.Keys).Count();

    /// <summary>
    /// After a change saved outside the live room's commands (the agenda, circulation, a review update, an erasure, the
    /// panel's agencies and people): drops every snapshot it touches, or that is still being built, and returns their
    /// meetings so their rooms can be told to read again.
    /// </summary>
    public IReadOnlyList<(Guid MeetingId, long Version)> Touched(SavedElsewhere saved)
    {
        if (saved.Directory) tables.Clear();
        var touched = new List<(Guid, long)>();
        // What each meeting showed when last built is kept apart from its snapshot, which a command may have dropped
        // meanwhile: its rooms are still open, and must still be told.
        foreach (var (meetingId, what) in shown)
        {
            if (!saved.Directory && !saved.MeetingIds.Contains(meetingId) && !what.Shows(saved)) continue;
            snapshots.TryRemove(meetingId, out _);
            touched.Add((meetingId, what.Version));
        }
        // A first build still under way may have read the database before this change was saved.
        foreach (var (meetingId, lazy) in snapshots)
            if (!shown.ContainsKey(meetingId) && !(lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
                && snapshots.TryRemove(new KeyValuePair<Guid, Lazy<Task<MeetingSnapshot?>>>(meetingId, lazy)))
                touched.Add((meetingId, 0));
        foreach (var meetingId in saved.MeetingIds)
            if (touched.All(t => t.Item1 != meetingId)) touched.Add((meetingId, 0));
        return touched;
    }

    /// <summary>What a meeting's room showed when its snapshot was last built: enough to tell whether a save touches it.</summary>
    sealed record Shown(Guid PanelId, IReadOnlySet<Guid> ItemIds, IReadOnlySet<Guid> CaseIds, long Version)
    {
        public static Shown Of(MeetingSnapshot snapshot) => new(snapshot.PanelId,
            snapshot.View.Items.Select(i => i.Id).ToHashSet(), snapshot.View.Items.Select(i => i.Case.Id).ToHashSet(), snapshot.View.Version);

        public bool Shows(SavedElsewhere saved) => saved.PanelIds.Contains(PanelId) || saved.ItemIds.Overlaps(ItemIds)
            || saved.CaseIds.Overlaps(CaseIds);
    }

    readonly ConcurrentDictionary<Guid, Shown> shown = new();

    /// <summary>
    /// After an administrator changes an agency or a person (or another node says so): every snapshot and the panels'
    /// tables are read again at their next use.
    /// </summary>
    public void DirectoryChanged()
    {
        tables.Clear();
        snapshots.Clear();
    }

    /// <summary>
    /// After a change is saved. One case's levers or actions are read again into the snapshot the change follows,
    /// at the next read (not the whole meeting: these are most of a meeting's changes); any other change, or a
    /// snapshot nobody has read since the last change, is dropped and built whole at the next read.
    /// </summary>
    public void AfterChange(Guid meetingId, long version, SnapshotPart part, Guid? caseId)
    {
        if (part is SnapshotPart.Whole || caseId is not { } changedCase)
        {
            Invalidate(meetingId);
            return;
        }
        while (snapshots.TryGetValue(meetingId, out var before))
        {
            // Unread, it is not started: following it would chain one re-read per change until someone reads.
            if (!before.IsValueCreated)
            {
                if (snapshots.TryRemove(new KeyValuePair<Guid, Lazy<Task<MeetingSnapshot?>>>(meetingId, before))) return;
                continue;
            }
            var after = new Lazy<Task<MeetingSnapshot?>>(() => FollowAsync(meetingId, before, version, part, changedCase));
            if (snapshots.TryUpdate(meetingId, after, before)) return;
        }
    }

    /// <summary>Built whole on each full rebuild; tests read it to tell a re-read part from a rebuild.</summary>
    internal int WholeBuilds => wholeBuilds;

    int wholeBuilds;

    Lazy<Task<MeetingSnapshot?>> Build(Guid meetingId)
    {
        DropIdle(meetingId);
        return new(() => LoadAsync(meetingId));
    }

    /// <summary>A snapshot left behind by a room that never said it was leaving (a host that stopped answering).</summary>
    void DropIdle(Guid building)
    {
        var before = clock.GetUtcNow() - IdleFor;
        foreach (var (meetingId, readAt) in lastRead)
            if (meetingId != building && readAt < before && lastRead.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(meetingId, readAt)))
            {
                snapshots.TryRemove(meetingId, out _);
                shown.TryRemove(meetingId, out _);
            }
    }

    async Task<MeetingSnapshot?> FollowAsync(Guid meetingId, Lazy<Task<MeetingSnapshot?>> before, long version,
        SnapshotPart part, Guid caseId)
    {
        MeetingSnapshot? previous;
        try { previous = await before.Value; }
        catch (Exception failure)
        {
            // That read failed (its own caller was told); this one starts afresh.
            log.LogWarning(failure, "Reading meeting {MeetingId} failed; building it afresh for version {Version}", meetingId, version);
            previous = null;
        }
        if (previous is null) return await LoadAsync(meetingId);
        if (previous.View.Version >= version) return previous;
        return await ReReadAsync(previous, version, part, caseId) ?? await LoadAsync(meetingId);
    }

    /// <summary>
    /// The snapshot with one case's levers or actions read again, if it had every change before this one;
    /// null if another change came in between (then it is built whole).
    /// </summary>
    async Task<MeetingSnapshot?> ReReadAsync(MeetingSnapshot previous, long version, SnapshotPart part, Guid caseId)
    {
        var meetingId = previous.View.MeetingId;
        await using var db = await dbFactory.CreateDbContextAsync();
        var changeBefore = await db.MeetingChanges.Where(c => c.MeetingId == meetingId && c.Id < version)
            .MaxAsync(c => (long?)c.Id) ?? 0;
        if (changeBefore != previous.View.Version) return null;

        Func<LiveItem, LiveItem> reRead;
        if (part is SnapshotPart.Levers)
        {
            var levers = await db.Levers.AsNoTracking().Where(l => l.CaseId == caseId).ToListAsync();
            reRead = item => item with { Levers = LeversOf(levers, caseId, meetingId, previous.AgencyNames) };
        }
        else
        {
            var actions = await db.Actions.AsNoTracking().Include(a => a.OwnerPerson).Where(a => a.CaseId == caseId).ToListAsync();
            var itemIds = previous.View.Items.Select(i => i.Id).ToHashSet();
            var today = PanelTime.Today(clock);
            reRead = item => item with { Actions = ActionsOf(actions, item.Id, caseId, itemIds, previous.AgencyNames, today) };
        }
        ValueList<LiveItem> ReReadIn(LiveMeetingView view) =>
            view.Items.Select(item => item.Case.Id == caseId ? reRead(item) : item).ToValueList();
        return previous with
        {
            View = previous.View with { Version = version, Items = ReReadIn(previous.View) },
            WithheldView = previous.WithheldView with { Version = version, Items = ReReadIn(previous.WithheldView) },
        };
    }

    async Task<MeetingSnapshot?> LoadAsync(Guid meetingId)
    {
        Interlocked.Increment(ref wholeBuilds);
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
        var reviewUpdates = (await db.ReviewUpdates.AsNoTracking().Where(r => itemIds.Contains(r.AgendaItemId))
            .Select(r => new { r.AgendaItemId, r.Version }).ToListAsync()).ToDictionary(r => r.AgendaItemId, r => r.Version);
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
            LeversOf(levers, item.CaseId, meetingId, agencyNames),
            ActionsOf(actions, item.Id, item.CaseId, itemIds, agencyNames, today),
            reviewUpdates.TryGetValue(item.Id, out var reviewUpdate) ? reviewUpdate : null))
            .ToValueList();

        var view = new LiveMeetingView(meeting.Id, version, meeting.Panel!.Name, meeting.Status, meeting.StartsAt,
            meeting.PlannedMinutes, meeting.Location, meeting.OnlineLink, meeting.StartedAt, meeting.CurrentItemId, items,
            table.Agencies, table.CoreAgencyIds, ValueList<PresentPerson>.Empty);
        var withheld = view with
        {
            Items = items.Select(i => i with { Case = i.Case with { Victims = VictimInformation.Withheld } }).ToValueList(),
        };
        var snapshot = new MeetingSnapshot(view, withheld, meeting.PanelId, table.MemberIds, agencyNames);
        shown[meetingId] = Shown.Of(snapshot);
        return snapshot;
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
        // Someone whose sign-in is disabled has left the work: not offered as the owner of a new action.
        var departed = await DepartedPeople.AmongAsync(db, memberIds);
        var table = new PanelTable(memberIds, agencies.ToDictionary(a => a.Id, a => a.Name),
            agencies.Select(a => new AgencyAtTable(a.Id, a.Name, a.Kind, PersonOption.Offered(a.People, departed))).ToValueList(),
            memberships.Where(m => m.IsCore).Select(m => m.AgencyId).ToValueList(), now);
        tables[panelId] = table;
        return table;
    }

    sealed record PanelTable(IReadOnlySet<Guid> MemberIds, IReadOnlyDictionary<Guid, string> AgencyNames,
        ValueList<AgencyAtTable> Agencies, ValueList<Guid> CoreAgencyIds, DateTimeOffset ReadAt);

    static ValueList<LiveLever> LeversOf(IEnumerable<Lever> levers, Guid caseId, Guid meetingId,
        IReadOnlyDictionary<Guid, string> agencyNames) =>
        levers.Where(l => l.CaseId == caseId)
            .OrderBy(l => agencyNames.GetValueOrDefault(l.AgencyId)).ThenBy(l => l.OfferedAt)
            .Select(l => new LiveLever(l.Id, l.AgencyId, agencyNames.GetValueOrDefault(l.AgencyId, ""), l.Family, l.Area,
                l.Description, l.IsWithdrawn, l.MeetingId == meetingId, l.Version))
            .ToValueList();

    /// <summary>An item's own actions, and the case's still-open actions from earlier meetings.</summary>
    static ValueList<LiveAction> ActionsOf(IEnumerable<PanelAction> actions, Guid itemId, Guid caseId,
        IReadOnlySet<Guid> meetingItemIds, IReadOnlyDictionary<Guid, string> agencyNames, DateOnly today) =>
        actions.Where(a => a.CaseId == caseId && (a.AgendaItemId == itemId || (a.Status == ActionStatus.Open && !meetingItemIds.Contains(a.AgendaItemId))))
            .OrderBy(a => a.DueOn)
            .Select(a => new LiveAction(a.Id, a.Description, a.OwnerAgencyId, agencyNames.GetValueOrDefault(a.OwnerAgencyId, ""),
                a.OwnerPersonId, a.OwnerPerson?.FullName, a.DueOn, a.Status, a.AgendaItemId == itemId,
                a.IsOverdue(today), a.Version))
            .ToValueList();

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
