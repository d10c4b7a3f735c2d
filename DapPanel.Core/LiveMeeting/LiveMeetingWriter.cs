using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.LiveMeeting;

/// <summary>What one command changed, for the change log and the audit log.</summary>
public sealed record ChangeNote(string Summary, Guid? EntityId = null, Guid? CaseId = null, string? Before = null,
    string? After = null, SnapshotPart Changed = SnapshotPart.Whole);

public sealed record CommandContext(DapPanelDbContext Db, Meeting Meeting, Actor Actor, DateTimeOffset Now, DateOnly Today)
{
    public AgendaItem Item(Guid itemId) => Meeting.AgendaItems.SingleOrDefault(i => i.Id == itemId)
        ?? throw new NotFoundException("That agenda item is not part of this meeting.");
}

/// <summary>
/// Runs every live-room command the same way: applied once per command id, authorized, saved with
/// its change-log entry and audit entry, then announced to everyone in the room.
/// </summary>
public sealed class LiveMeetingWriter(
    IDbContextFactory<DapPanelDbContext> dbFactory, LiveMeetingReadModel readModel, IMeetingNotifier notifier,
    NeedToKnow needToKnow, IAuditLog audit, TimeProvider clock)
{
    public async Task<long> RunAsync(Actor actor, Guid commandId, Guid meetingId, string kind,
        Func<CommandContext, Task<ChangeNote>> change, CancellationToken cancellationToken = default)
    {
        if (commandId == Guid.Empty)
            throw new DomainRuleException("Each command needs its own id so a retry is applied once.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var applied = await db.MeetingChanges.Where(c => c.CommandId == commandId)
            .Select(c => new { c.Id, c.MeetingId }).SingleOrDefaultAsync(cancellationToken);
        if (applied is not null)
            return applied.MeetingId == meetingId ? applied.Id
                : throw new DomainRuleException("That command id was already used for another meeting.");

        var meeting = await db.Meetings.Include(m => m.AgendaItems).ThenInclude(i => i.Decision)
            .SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
        await LiveAccess.EnsureCanEnterAsync(needToKnow, actor, meeting, cancellationToken);

        var now = clock.GetUtcNow();
        var note = await change(new CommandContext(db, meeting, actor, now, PanelTime.Today(clock)));
        var entry = new MeetingChange
        {
            MeetingId = meetingId, CommandId = commandId, Kind = kind, EntityId = note.EntityId, Summary = Clip(note.Summary, 500),
            ActorName = actor.Name, At = now,
        };
        db.MeetingChanges.Add(entry);
        audit.Add(db, actor, AuditAction.Changed, Clip(note.Summary, 1000), note.CaseId, meetingId, note.Before, note.After);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            readModel.Invalidate(meetingId);
            throw new ConcurrencyConflictException(
                "Someone else saved a change to this at the same moment. Your screen shows their version now; check it and try again.");
        }

        readModel.AfterChange(meetingId, entry.Id, note.Changed, note.CaseId);
        await notifier.PublishAsync(new MeetingChanged(meetingId, entry.Id, kind, note.EntityId));
        return entry.Id;
    }

    static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
