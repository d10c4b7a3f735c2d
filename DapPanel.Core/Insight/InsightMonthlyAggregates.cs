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

/// <summary>Marks the months a save touches as stale, from the rows being saved as they were and as they will be.</summary>
static class InsightStaleness
{
    public static DateOnly MonthOf(DateTimeOffset startsAt)
    {
        var local = PanelTime.ToLocal(startsAt);
        return new DateOnly(local.Year, local.Month, 1);
    }

    public static async Task MarkAsync(DapPanelDbContext db, bool synchronous, CancellationToken cancellationToken)
    {
        var months = new HashSet<(Guid PanelId, DateOnly Month)>();
        var meetingIds = new HashSet<Guid>();
        var itemIds = new HashSet<Guid>();
        var updateIds = new HashSet<Guid>();
        var caseIds = new HashSet<Guid>();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case Meeting when entry.State != EntityState.Modified || IsModified(entry, nameof(Meeting.PanelId),
                        nameof(Meeting.StartsAt), nameof(Meeting.Status)):
                    AddMeetingMonths(entry, months);
                    break;
                case AgendaItem:
                    Both(entry, nameof(AgendaItem.MeetingId), meetingIds);
                    break;
                case Lever:
                    Both(entry, nameof(Lever.MeetingId), meetingIds);
                    break;
                case Decision:
                    Both(entry, nameof(Decision.AgendaItemId), itemIds);
                    break;
                case PanelAction:
                    Both(entry, nameof(PanelAction.AgendaItemId), itemIds);
                    break;
                case ReviewUpdate:
                    Both(entry, nameof(ReviewUpdate.AgendaItemId), itemIds);
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
        if (months.Count == 0 && meetingIds.Count == 0 && itemIds.Count == 0 && updateIds.Count == 0 && caseIds.Count == 0)
            return;

        // Tracked rows give their months as they were and will be; the rest are read as saved before this save.
        Task<List<T>> List<T>(IQueryable<T> query) =>
            synchronous ? Task.FromResult(query.ToList()) : query.ToListAsync(cancellationToken);
        if (caseIds.Count > 0)
            meetingIds.UnionWith(await List(db.AgendaItems.AsNoTracking().Where(i => caseIds.Contains(i.CaseId)).Select(i => i.MeetingId)));
        if (updateIds.Count > 0)
        {
            var tracked = Tracked<ReviewUpdate>(db, updateIds, nameof(ReviewUpdate.AgendaItemId), itemIds);
            itemIds.UnionWith(await List(db.ReviewUpdates.AsNoTracking()
                .Where(u => updateIds.Contains(u.Id) && !tracked.Contains(u.Id)).Select(u => u.AgendaItemId)));
        }
        if (itemIds.Count > 0)
        {
            var tracked = Tracked<AgendaItem>(db, itemIds, nameof(AgendaItem.MeetingId), meetingIds);
            meetingIds.UnionWith(await List(db.AgendaItems.AsNoTracking()
                .Where(i => itemIds.Contains(i.Id) && !tracked.Contains(i.Id)).Select(i => i.MeetingId)));
        }
        if (meetingIds.Count > 0)
        {
            var tracked = new HashSet<Guid>();
            foreach (var entry in db.ChangeTracker.Entries<Meeting>().Where(e => meetingIds.Contains(e.Entity.Id)))
            {
                AddMeetingMonths(entry, months);
                tracked.Add(entry.Entity.Id);
            }
            var saved = await List(db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id) && !tracked.Contains(m.Id))
                .Select(m => new { m.PanelId, m.StartsAt }));
            foreach (var meeting in saved)
                months.Add((meeting.PanelId, MonthOf(meeting.StartsAt)));
        }
        var deletedPanels = db.ChangeTracker.Entries<Panel>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
        foreach (var (panelId, month) in months.Where(m => !deletedPanels.Contains(m.PanelId)))
            db.InsightStaleMonths.Add(new InsightStaleMonth { PanelId = panelId, Month = month });
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
