using System.Collections.Concurrent;
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

public sealed record CommandContext(DapPanelDbContext Db, Meeting Meeting, Actor Actor, DateTimeOffset Now, DateOnly Today,
    CancellationToken CancellationToken = default)
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
    /// <summary>
    /// Applies the command once. A command id seen before is answered from the change it made when it asks for the
    /// same thing, from the same person, and refused otherwise; two identical calls at once get the same answer.
    /// </summary>
    public Task<long> RunAsync(Actor actor, LiveCommand command, string kind,
        Func<CommandContext, Task<ChangeNote>> change, CancellationToken cancellationToken = default) =>
        RunAsync(actor, command, kind, change, chairsOnly: false, cancellationToken);

    /// <summary>As <see cref="RunAsync(Actor, LiveCommand, string, Func{CommandContext, Task{ChangeNote}}, CancellationToken)"/>,
    /// for a command only the chairs of the meeting's own panel may give.</summary>
    public Task<long> RunAsChairAsync(Actor actor, LiveCommand command, string kind,
        Func<CommandContext, Task<ChangeNote>> change, CancellationToken cancellationToken = default) =>
        RunAsync(actor, command, kind, change, chairsOnly: true, cancellationToken);

    async Task<long> RunAsync(Actor actor, LiveCommand command, string kind,
        Func<CommandContext, Task<ChangeNote>> change, bool chairsOnly, CancellationToken cancellationToken)
    {
        if (command.Id == Guid.Empty)
            throw new DomainRuleException("Each command needs its own id so a retry is applied once.");
        var fingerprint = command.FingerprintFor(actor);
        // A client retrying while its first call is still running waits for it here, and is then answered from it;
        // across nodes the unique command id in the database does the same.
        var gate = running.GetOrAdd(command.Id, _ => new Gate());
        Interlocked.Increment(ref gate.Users);
        try
        {
            await gate.Turn.WaitAsync(cancellationToken);
            try
            {
                if (await AnsweredAsync(command, fingerprint, cancellationToken) is { } answered) return answered;
                return await ApplyOnceAsync(actor, command, fingerprint, kind, change, chairsOnly, cancellationToken);
            }
            finally { gate.Turn.Release(); }
        }
        finally
        {
            if (Interlocked.Decrement(ref gate.Users) == 0) running.TryRemove(new KeyValuePair<Guid, Gate>(command.Id, gate));
        }
    }

    sealed class Gate
    {
        public readonly SemaphoreSlim Turn = new(1, 1);
        public int Users;
    }

    readonly ConcurrentDictionary<Guid, Gate> running = new();

    async Task<long> ApplyOnceAsync(Actor actor, LiveCommand command, string fingerprint, string kind,
        Func<CommandContext, Task<ChangeNote>> change, bool chairsOnly, CancellationToken cancellationToken)
    {
        try
        {
            return await ApplyAsync(actor, command, fingerprint, kind, change, chairsOnly, cancellationToken);
        }
        catch (Exception failure) when (failure is UserFacingException or DbUpdateException)
        {
            // The same command sent twice at once: the other call saved it first, and this one lost the race (a
            // unique command id, a changed version, or a check that now sees the first call's change).
            if (await AnsweredAsync(command, fingerprint, CancellationToken.None) is { } first) return first;
            if (failure is DbUpdateConcurrencyException)
                throw new ConcurrencyConflictException(
                    "Someone else saved a change to this at the same moment. Your screen shows their version now; check it and try again.");
            throw;
        }
    }

    async Task<long> ApplyAsync(Actor actor, LiveCommand command, string fingerprint, string kind,
        Func<CommandContext, Task<ChangeNote>> change, bool chairsOnly, CancellationToken cancellationToken)
    {
        var meetingId = command.MeetingId;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await db.Meetings.Include(m => m.AgendaItems).ThenInclude(i => i.Decision)
            .SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
        var basis = await LiveAccess.EnsureCanEnterAsync(needToKnow, actor, meeting, cancellationToken);
        var onThisPanel = LiveAccess.OnThisPanel(actor, basis, chairsOnly);

        var now = clock.GetUtcNow();
        var note = await change(new CommandContext(db, meeting, onThisPanel, now, PanelTime.Today(clock), cancellationToken));
        var entry = new MeetingChange
        {
            MeetingId = meetingId, CommandId = command.Id, CommandFingerprint = fingerprint, Kind = kind,
            EntityId = note.EntityId, Summary = Clip(note.Summary, 500), ActorName = actor.Name, At = now,
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
            throw;
        }

        readModel.AfterChange(meetingId, entry.Id, note.Changed, note.CaseId);
        if (kind == MeetingFlow.ClosedKind) readModel.Release(meetingId);
        await notifier.PublishAsync(new MeetingChanged(meetingId, entry.Id, kind, note.EntityId));
        return entry.Id;
    }

    /// <summary>The version a command already made, if it was applied; a refusal if its id was used for something else.</summary>
    async Task<long?> AnsweredAsync(LiveCommand command, string fingerprint, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var applied = await db.MeetingChanges.AsNoTracking().Where(c => c.CommandId == command.Id)
            .Select(c => new { c.Id, c.MeetingId, c.CommandFingerprint }).SingleOrDefaultAsync(cancellationToken);
        if (applied is null) return null;
        // Changes saved before fingerprints were kept are matched on their meeting alone.
        var same = applied.CommandFingerprint is null ? applied.MeetingId == command.MeetingId : applied.CommandFingerprint == fingerprint;
        return same ? applied.Id : throw new CommandIdReusedException();
    }

    static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
