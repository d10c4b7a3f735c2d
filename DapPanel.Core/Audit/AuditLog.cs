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

    /// <summary>Writes an entry on its own (reads, sign-ins, exports).</summary>
    Task RecordAsync(Actor? actor, AuditAction action, string summary, Guid? caseId = null, Guid? meetingId = null,
        string? userId = null, CancellationToken cancellationToken = default);
}

public sealed class AuditLog(IDbContextFactory<DapPanelDbContext> dbFactory, TimeProvider clock) : IAuditLog
{
    public void Add(DapPanelDbContext db, Actor actor, AuditAction action, string summary, Guid? caseId = null,
        Guid? meetingId = null, string? before = null, string? after = null) =>
        db.AuditEvents.Add(Entry(actor, action, summary, caseId, meetingId, actor.UserId, before, after));

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
