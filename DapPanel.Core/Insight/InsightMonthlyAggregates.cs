using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DapPanel.Core.Insight;

/// <summary>Which throughput fact an <see cref="InsightMonthlyCount"/> row counts.</summary>
public enum InsightMeasure
{
    ItemKind = 1,
    Outcome = 2,
    LeverArea = 3,
    Intervention = 4,
    Action = 5,
    Closure = 6,
    LeverAgency = 7,
}

/// <summary>
/// One panel's count of one throughput fact in one local month (Code and Detail hold the fact's enum values, AgencyId
/// its agency or Guid.Empty), so a five-year period reads sixty months of these instead of every agenda item.
/// </summary>
public sealed class InsightMonthlyCount
{
    public Guid PanelId { get; set; }
    /// <summary>The first day of the panel-local month.</summary>
    public DateOnly Month { get; set; }
    public InsightMeasure Measure { get; set; }
    public int Code { get; set; }
    public int Detail { get; set; }
    public Guid AgencyId { get; set; }
    public int Count { get; set; }
    /// <summary>Closures only: how many had both acceptance and closure dates, and the days between them summed.</summary>
    public int DurationCount { get; set; }
    public long DurationSum { get; set; }
}

/// <summary>A (panel, month) whose counts have been computed; without it the month is computed on first reading.</summary>
public sealed class InsightMonth
{
    public Guid PanelId { get; set; }
    public DateOnly Month { get; set; }
}

/// <summary>
/// A save changed something a (panel, month)'s counts come from. Written in the same transaction as the change; the
/// next reading recomputes the month and removes only the marks it saw, so a change made meanwhile stays marked.
/// </summary>
public sealed class InsightStaleMonth
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid PanelId { get; set; }
    public DateOnly Month { get; set; }
}

/// <summary>
/// Marks the months a save touches as stale, from the rows being saved as they were and as they will be. The change
/// tracker gives most of them; rows it does not hold are read as saved before this save, with one query per step, run
/// by <see cref="Mark"/> for a synchronous save and <see cref="MarkAsync"/> for an asynchronous one.
/// </summary>
static class InsightStaleness
{
    public static DateOnly MonthOf(DateTimeOffset startsAt)
    {
        var local = PanelTime.ToLocal(startsAt);
        return new DateOnly(local.Year, local.Month, 1);
    }

    public static void Mark(DapPanelDbContext db)
    {
        if (Touched.From(db) is not { } touched) return;
        if (touched.CasesQuery() is { } cases) touched.MeetingIds.UnionWith(cases.ToList());
        if (touched.ReviewUpdatesQuery() is { } updates) touched.ItemIds.UnionWith(updates.ToList());
        if (touched.AgendaItemsQuery() is { } items) touched.MeetingIds.UnionWith(items.ToList());
        if (touched.MeetingsQuery() is { } meetings) touched.AddMonths(meetings.ToList());
        touched.MarkStale();
    }

    public static async Task MarkAsync(DapPanelDbContext db, CancellationToken cancellationToken)
    {
        if (Touched.From(db) is not { } touched) return;
        if (touched.CasesQuery() is { } cases) touched.MeetingIds.UnionWith(await cases.ToListAsync(cancellationToken));
        if (touched.ReviewUpdatesQuery() is { } updates) touched.ItemIds.UnionWith(await updates.ToListAsync(cancellationToken));
        if (touched.AgendaItemsQuery() is { } items) touched.MeetingIds.UnionWith(await items.ToListAsync(cancellationToken));
        if (touched.MeetingsQuery() is { } meetings) touched.AddMonths(await meetings.ToListAsync(cancellationToken));
        touched.MarkStale();
    }

    sealed record MeetingStart(Guid PanelId, DateTimeOffset StartsAt);

    /// <summary>What one save touches, step by step from cases and review updates to agenda items, meetings and months.</summary>
    sealed class Touched(DapPanelDbContext db)
    {
        readonly HashSet<(Guid PanelId, DateOnly Month)> months = [];
        public HashSet<Guid> MeetingIds { get; } = [];
        public HashSet<Guid> ItemIds { get; } = [];
        readonly HashSet<Guid> updateIds = [];
        readonly HashSet<Guid> caseIds = [];

        public static Touched? From(DapPanelDbContext db)
        {
            var touched = new Touched(db);
            foreach (var entry in db.ChangeTracker.Entries()
                         .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
                touched.Add(entry);
            return touched.months.Count == 0 && touched.MeetingIds.Count == 0 && touched.ItemIds.Count == 0
                && touched.updateIds.Count == 0 && touched.caseIds.Count == 0 ? null : touched;
        }

        void Add(EntityEntry entry)
        {
            switch (entry.Entity)
            {
                case Meeting when entry.State != EntityState.Modified || IsModified(entry, nameof(Meeting.PanelId),
                        nameof(Meeting.StartsAt), nameof(Meeting.Status)):
                    AddMeetingMonths(entry, months);
                    break;
                case AgendaItem:
                    Both(entry, nameof(AgendaItem.MeetingId), MeetingIds);
                    break;
                case Lever:
                    Both(entry, nameof(Lever.MeetingId), MeetingIds);
                    break;
                case Decision:
                    Both(entry, nameof(Decision.AgendaItemId), ItemIds);
                    break;
                case PanelAction:
                    Both(entry, nameof(PanelAction.AgendaItemId), ItemIds);
                    break;
                case ReviewUpdate:
                    Both(entry, nameof(ReviewUpdate.AgendaItemId), ItemIds);
                    break;
                case Intervention:
                    Both(entry, nameof(Intervention.ReviewUpdateId), updateIds);
                    break;
                // Closure durations come from the case's dates, counted in the months its closure was decided.
                case Case c when entry.State != EntityState.Modified
                        || IsModified(entry, nameof(Case.AcceptedOn), nameof(Case.ClosedOn)):
                    caseIds.Add(c.Id);
                    break;
            }
        }

        // Tracked rows give their parents as they were and will be; the rest are read as saved before this save.

        /// <summary>The meetings every changed case was heard in.</summary>
        public IQueryable<Guid>? CasesQuery() => caseIds.Count == 0 ? null
            : db.AgendaItems.AsNoTracking().Where(i => caseIds.Contains(i.CaseId)).Select(i => i.MeetingId);

        /// <summary>The agenda items of changed review updates the tracker does not hold.</summary>
        public IQueryable<Guid>? ReviewUpdatesQuery()
        {
            if (updateIds.Count == 0) return null;
            var tracked = Tracked<ReviewUpdate>(db, updateIds, nameof(ReviewUpdate.AgendaItemId), ItemIds);
            return db.ReviewUpdates.AsNoTracking().Where(u => updateIds.Contains(u.Id) && !tracked.Contains(u.Id)).Select(u => u.AgendaItemId);
        }

        /// <summary>The meetings of changed agenda items the tracker does not hold.</summary>
        public IQueryable<Guid>? AgendaItemsQuery()
        {
            if (ItemIds.Count == 0) return null;
            var tracked = Tracked<AgendaItem>(db, ItemIds, nameof(AgendaItem.MeetingId), MeetingIds);
            return db.AgendaItems.AsNoTracking().Where(i => ItemIds.Contains(i.Id) && !tracked.Contains(i.Id)).Select(i => i.MeetingId);
        }

        /// <summary>The panel and start of touched meetings the tracker does not hold.</summary>
        public IQueryable<MeetingStart>? MeetingsQuery()
        {
            if (MeetingIds.Count == 0) return null;
            var tracked = new HashSet<Guid>();
            foreach (var entry in db.ChangeTracker.Entries<Meeting>().Where(e => MeetingIds.Contains(e.Entity.Id)))
            {
                AddMeetingMonths(entry, months);
                tracked.Add(entry.Entity.Id);
            }
            return db.Meetings.AsNoTracking().Where(m => MeetingIds.Contains(m.Id) && !tracked.Contains(m.Id))
                .Select(m => new MeetingStart(m.PanelId, m.StartsAt));
        }

        public void AddMonths(IEnumerable<MeetingStart> meetings)
        {
            foreach (var meeting in meetings)
                months.Add((meeting.PanelId, MonthOf(meeting.StartsAt)));
        }

        public void MarkStale()
        {
            var deletedPanels = db.ChangeTracker.Entries<Panel>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
            foreach (var (panelId, month) in months.Where(m => !deletedPanels.Contains(m.PanelId)))
                db.InsightStaleMonths.Add(new InsightStaleMonth { PanelId = panelId, Month = month });
        }
    }

    /// <summary>Adds the parent ids of the tracked rows among <paramref name="ids"/>; returns which ids were tracked.</summary>
    static HashSet<Guid> Tracked<T>(DapPanelDbContext db, HashSet<Guid> ids, string parent, HashSet<Guid> parentIds) where T : Entity
    {
        var tracked = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries<T>().Where(e => ids.Contains(e.Entity.Id)))
        {
            Both(entry, parent, parentIds);
            tracked.Add(entry.Entity.Id);
        }
        return tracked;
    }

    static bool IsModified(EntityEntry entry, params string[] properties) =>
        properties.Any(p => entry.Property(p).IsModified);

    static void Both(EntityEntry entry, string property, HashSet<Guid> ids)
    {
        if (entry.State != EntityState.Added && entry.Property(property).OriginalValue is Guid before) ids.Add(before);
        if (entry.Property(property).CurrentValue is Guid after) ids.Add(after);
    }

    static void AddMeetingMonths(EntityEntry entry, HashSet<(Guid, DateOnly)> months)
    {
        var panel = entry.Property(nameof(Meeting.PanelId));
        var startsAt = entry.Property(nameof(Meeting.StartsAt));
        if (entry.State != EntityState.Added)
            months.Add(((Guid)panel.OriginalValue!, MonthOf((DateTimeOffset)startsAt.OriginalValue!)));
        months.Add(((Guid)panel.CurrentValue!, MonthOf((DateTimeOffset)startsAt.CurrentValue!)));
    }
}
