using System.Collections.Concurrent;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Audit;

public interface IAuditLog
{
    /// <summary>Adds an entry to the context so it is saved with the change it describes.</summary>
    void Add(DapPanelDbContext db, Actor actor, AuditAction action, string summary, Guid? caseId = null,
        Guid? meetingId = null, string? before = null, string? after = null);

    /// <summary>
    /// Records that case detail was shown: once per view of it (<see cref="Actor.View"/>), so a page's prerender
    /// and interactive render, or a hub connection's repeated reads of a meeting, make one entry; every time when
    /// the actor has no view (a download).
    /// </summary>
    Task RecordDisclosureAsync(Actor actor, string summary, Guid? caseId = null, Guid? meetingId = null,
        AuditAction action = AuditAction.ViewedCaseDetail, CancellationToken cancellationToken = default);

    /// <summary>Writes an entry on its own (sign-ins, exports).</summary>
    Task RecordAsync(Actor? actor, AuditAction action, string summary, Guid? caseId = null, Guid? meetingId = null,
        string? userId = null, CancellationToken cancellationToken = default);
}

public sealed class AuditLog(IDbContextFactory<DapPanelDbContext> dbFactory, TimeProvider clock) : IAuditLog
{
    public void Add(DapPanelDbContext db, Actor actor, AuditAction action, string summary, Guid? caseId = null,
        Guid? meetingId = null, string? before = null, string? after = null) =>
        db.AuditEvents.Add(Entry(actor, action, summary, caseId, meetingId, actor.UserId, before, after));

    /// <summary>Views recorded by this node; another node's are found by the database's unique index.</summary>
    readonly ConcurrentDictionary<(string UserId, string ViewKey), DateTimeOffset> recordedViews = new();
    static readonly TimeSpan ViewsKeptFor = TimeSpan.FromHours(2);
    const int ViewsBeforePruning = 20_000;

    public async Task RecordDisclosureAsync(Actor actor, string summary, Guid? caseId = null, Guid? meetingId = null,
        AuditAction action = AuditAction.ViewedCaseDetail, CancellationToken cancellationToken = default)
    {
        if (actor.View is not { } view)
        {
            await RecordAsync(actor, action, summary, caseId, meetingId, cancellationToken: cancellationToken);
            return;
        }
        var key = $"{view:N}:{caseId:N}:{meetingId:N}";
        var now = clock.GetUtcNow();
        if (!recordedViews.TryAdd((actor.UserId, key), now)) return;
        PruneViews(now);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = Entry(actor, action, summary, caseId, meetingId, actor.UserId, null, null);
        entry.ViewKey = key;
        db.AuditEvents.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException duplicate) when (UniqueViolation.Is(duplicate))
        {
            // The same view, recorded by another node (the page prerendered there) a moment ago.
        }
        catch
        {
            recordedViews.TryRemove((actor.UserId, key), out _);
            throw;
        }
    }

    void PruneViews(DateTimeOffset now)
    {
        if (recordedViews.Count < ViewsBeforePruning) return;
        foreach (var (key, at) in recordedViews)
            if (now - at > ViewsKeptFor) recordedViews.TryRemove(key, out _);
    }

    public async Task RecordAsync(Actor? actor, AuditAction action, string summary, Guid? caseId = null,
        Guid? meetingId = null, string? userId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = Entry(actor, action, summary, caseId, meetingId, userId ?? actor?.UserId, null, null);
        // Sign-ins happen before there is an actor: name the account's person so the log reads plainly.
        if (actor is null && entry.UserId is { } id)
            entry.ActorName = await db.Users.Where(u => u.Id == id)
                .Join(db.People, u => u.PersonId, p => p.Id, (_, p) => p.FullName)
                .FirstOrDefaultAsync(cancellationToken) ?? entry.ActorName;
        db.AuditEvents.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    AuditEvent Entry(Actor? actor, AuditAction action, string summary, Guid? caseId, Guid? meetingId,
        string? userId, string? before, string? after) => new()
    {
        At = clock.GetUtcNow(),
        Action = action,
        UserId = userId,
        ActorName = actor?.Name ?? "(not signed in)",
        CaseId = caseId,
        MeetingId = meetingId,
        Summary = summary,
        Before = before,
        After = after,
    };
}
