using System.Runtime.CompilerServices;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Core.LiveMeeting;

/// <summary>What one save outside the live room's commands touched of what a live room shows.</summary>
public sealed class SavedElsewhere
{
    public HashSet<Guid> MeetingIds { get; } = [];
    public HashSet<Guid> ItemIds { get; } = [];
    public HashSet<Guid> CaseIds { get; } = [];
    public HashSet<Guid> PanelIds { get; } = [];
    /// <summary>An agency, a person, a sign-in's being enabled, or a panel's membership: every room's table.</summary>
    public bool Directory { get; set; }

    public bool IsEmpty => !Directory && MeetingIds.Count == 0 && ItemIds.Count == 0 && CaseIds.Count == 0 && PanelIds.Count == 0;

    /// <summary>
    /// Read from what a context is about to save. Derived from the entities, not from which service saves them, so a
    /// new service that changes the agenda or a case brings open rooms up to date without being told to.
    /// </summary>
    public static SavedElsewhere? From(DbContext context)
    {
        var saved = new SavedElsewhere();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                // The live room's own writer saves a change-log entry with each command and refreshes rooms itself.
                case MeetingChange when entry.State == EntityState.Added: return null;
                case Meeting m: saved.MeetingIds.Add(m.Id); break;
                case AgendaItem i: saved.MeetingIds.Add(i.MeetingId); saved.ItemIds.Add(i.Id); break;
                case Decision d: saved.ItemIds.Add(d.AgendaItemId); break;
                case ReviewUpdate r: saved.ItemIds.Add(r.AgendaItemId); break;
                case Lever l: saved.CaseIds.Add(l.CaseId); break;
                case PanelAction a: saved.CaseIds.Add(a.CaseId); saved.ItemIds.Add(a.AgendaItemId); break;
                case Case c: saved.CaseIds.Add(c.Id); break;
                case VictimSurvivor v: saved.CaseIds.Add(v.CaseId); break;
                case Referral r: saved.CaseIds.Add(r.CaseId); break;
                case Panel p: saved.PanelIds.Add(p.Id); break;
                case PanelMembership m: saved.PanelIds.Add(m.PanelId); saved.Directory = true; break;
                case Agency or Person: saved.Directory = true; break;
                case DapPanelUser when entry.State != EntityState.Modified || IsActiveChanged(entry): saved.Directory = true; break;
            }
        }
        return saved.IsEmpty ? null : saved;
    }

    static bool IsActiveChanged(EntityEntry entry) => entry.Property(nameof(DapPanelUser.IsActive)).IsModified;
}

/// <summary>
/// Brings open live rooms up to date after any save that changes what they show, whichever service made it: the
/// touched snapshots are dropped and their rooms told to read again once the save has committed.
/// </summary>
public sealed class LiveMeetingRefresh(IServiceProvider services) : SaveChangesInterceptor
{
    readonly ConditionalWeakTable<DbContext, SavedElsewhere> pending = new();

    // Resolved at first use: the read model and the notifier are built on the context factory this is part of.
    LiveMeetingReadModel ReadModel => services.GetRequiredService<LiveMeetingReadModel>();
    IMeetingNotifier Notifier => services.GetRequiredService<IMeetingNotifier>();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Announce(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Announce(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void Collect(DbContext? context)
    {
        if (context is null) return;
        if (SavedElsewhere.From(context) is { } saved) pending.AddOrUpdate(context, saved);
        else pending.Remove(context);
    }

    void Forget(DbContext? context)
    {
        if (context is not null) pending.Remove(context);
    }

    void Announce(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var saved)) return;
        pending.Remove(context);
        var notifier = Notifier;
        foreach (var (meetingId, version) in ReadModel.Touched(saved))
            // Delivered on the thread pool by the notifier; nothing here waits for the rooms.
            _ = notifier.PublishAsync(new MeetingChanged(meetingId, version, saved.Directory ? DirectoryKind : RefreshedKind, null));
    }

    /// <summary>Something a room shows was saved outside its commands: read the meeting again.</summary>
    public const string RefreshedKind = "refreshed";

    /// <summary>The panel's agencies or people changed: read the meeting and the panel's table again.</summary>
    public const string DirectoryKind = "directory";
}
