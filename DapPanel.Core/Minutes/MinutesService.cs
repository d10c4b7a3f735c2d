using System.Text.Json;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Minutes;

public interface IMinutesService
{
    /// <summary>The chair's working copy; the first request for a closed meeting creates the draft.</summary>
    Task<MinutesEditView> GetForEditAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);

    Task<MinutesEditView> SaveDraftAsync(Actor actor, Guid meetingId, MinutesTexts texts, Guid expectedVersion,
        CancellationToken cancellationToken = default);

    Task<MinutesEditView> FinaliseAsync(Actor actor, Guid meetingId, MinutesTexts texts, Guid expectedVersion,
        CancellationToken cancellationToken = default);

    /// <summary>A new final version with corrected text and the reason; earlier versions stay as they were.</summary>
    Task<MinutesEditView> CorrectAsync(Actor actor, Guid meetingId, MinutesTexts texts, string? reason,
        Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>One version (the latest if none is named) for download; every export is audited.</summary>
    Task<MinutesDocument> ExportMinutesAsync(Actor actor, Guid meetingId, int? versionNumber = null,
        CancellationToken cancellationToken = default);
}

public sealed class MinutesService(
    IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NeedToKnow needToKnow, TimeProvider clock)
    : IMinutesService
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public async Task<MinutesEditView> GetForEditAsync(Actor actor, Guid meetingId,
        CancellationToken cancellationToken = default)
    {
        actor.Require("work on the minutes", Role.Chair);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await ClosedMeetingAsync(db, meetingId, cancellationToken);
        var current = await LatestAsync(db, meeting, actor, cancellationToken);
        var view = await EditViewAsync(db, meeting, current, cancellationToken);
        await audit.RecordDisclosureAsync(actor, "Opened the minutes", meetingId: meetingId, cancellationToken: cancellationToken);
        return view;
    }

    public async Task<MinutesEditView> SaveDraftAsync(Actor actor, Guid meetingId, MinutesTexts texts,
        Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        actor.Require("correct the minutes", Role.Chair);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await ClosedMeetingAsync(db, meetingId, cancellationToken);
        var current = await LatestAsync(db, meeting, actor, cancellationToken);
        EnsureCurrent(current, expectedVersion);
        current.Edit(texts.GeneralNotes, texts.ConfidentialityStatementRead, Merge(current, texts));
        audit.Add(db, actor, AuditAction.Changed, $"Corrected draft minutes (version {current.Number})",
            meetingId: meetingId);
        await SaveAsync(db, current, cancellationToken);
        return await EditViewAsync(db, meeting, current, cancellationToken);
    }

    public async Task<MinutesEditView> FinaliseAsync(Actor actor, Guid meetingId, MinutesTexts texts,
        Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        actor.Require("finalise the minutes", Role.Chair);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await ClosedMeetingAsync(db, meetingId, cancellationToken);
        var current = await LatestAsync(db, meeting, actor, cancellationToken);
        EnsureCurrent(current, expectedVersion);
        current.Edit(texts.GeneralNotes, texts.ConfidentialityStatementRead, Merge(current, texts));
        var content = await MinutesReader.ReadAsync(db, meeting, current, cancellationToken);
        current.Finalise(actor.Name, clock.GetUtcNow(), JsonSerializer.Serialize(content, Json));
        audit.Add(db, actor, AuditAction.Changed, $"Finalised the minutes (version {current.Number})",
            meetingId: meetingId);
        await SaveAsync(db, current, cancellationToken);
        return await EditViewAsync(db, meeting, current, cancellationToken);
    }

    public async Task<MinutesEditView> CorrectAsync(Actor actor, Guid meetingId, MinutesTexts texts, string? reason,
        Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        actor.Require("correct final minutes", Role.Chair);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await ClosedMeetingAsync(db, meetingId, cancellationToken);
        var current = await LatestAsync(db, meeting, actor, cancellationToken);
        EnsureCurrent(current, expectedVersion);
        // The facts stay as they were finalised; only the chair's text changes.
        var facts = Snapshot(current);
        var items = Merge(current, texts);
        var byItem = items.ToDictionary(i => i.AgendaItemId);
        var corrected = facts with
        {
            GeneralNotes = Tidy(texts.GeneralNotes),
            ConfidentialityStatementRead = texts.ConfidentialityStatementRead,
            Items = facts.Items.Select(i => byItem.TryGetValue(i.AgendaItemId, out var t)
                ? i with { Summary = Tidy(t.Summary), Notes = Tidy(t.Notes) } : i).ToList(),
        };
        var now = clock.GetUtcNow();
        var correction = current.Correct(reason, texts.GeneralNotes, texts.ConfidentialityStatementRead, items,
            actor.PersonId, actor.Name, now, JsonSerializer.Serialize(corrected, Json));
        db.MinutesVersions.Add(correction);
        audit.Add(db, actor, AuditAction.Changed,
            $"Corrected final minutes: version {correction.Number} replaces {current.Number}", meetingId: meetingId,
            after: correction.CorrectionReason);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException) { throw Conflict(); }
        return await EditViewAsync(db, meeting, correction, cancellationToken);
    }

    public async Task<MinutesDocument> ExportMinutesAsync(Actor actor, Guid meetingId, int? versionNumber = null,
        CancellationToken cancellationToken = default)
    {
        actor.Require("download the minutes", Role.Chair, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await ClosedMeetingAsync(db, meetingId, cancellationToken);
        var latest = await LatestAsync(db, meeting, actor, cancellationToken);
        var version = versionNumber is { } n && n != latest.Number
            ? await db.MinutesVersions.AsNoTracking().SingleOrDefaultAsync(v => v.MeetingId == meetingId && v.Number == n,
                cancellationToken) ?? throw new NotFoundException($"These minutes have no version {n}.")
            : latest;
        var content = version.IsFinal ? Snapshot(version)
            : await MinutesReader.ReadAsync(db, meeting, version, cancellationToken);
        var history = await HistoryAsync(db, meetingId, cancellationToken);

        var basis = await needToKnow.BasisAsync(actor, meeting.PanelId, cancellationToken);
        await audit.RecordAsync(actor, AuditAction.Exported,
            $"Downloaded minutes version {version.Number} ({version.Status.Label().ToLowerInvariant()}; {basis.Recorded})",
            meetingId: meetingId, cancellationToken: cancellationToken);
        return new MinutesDocument(content, Summarise(version), history.Where(h => h.Number <= version.Number).ToList(),
            clock.GetUtcNow(), actor.Name);
    }

    static async Task<Meeting> ClosedMeetingAsync(DapPanelDbContext db, Guid meetingId, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
        if (meeting.Status != MeetingStatus.Closed)
            throw new DomainRuleException("Minutes exist once the meeting is closed; this one is "
                + meeting.Status.Label().ToLowerInvariant() + ".");
        return meeting;
    }

    /// <summary>The latest version, creating the draft from the meeting's records the first time.</summary>
    async Task<MinutesVersion> LatestAsync(DapPanelDbContext db, Meeting meeting, Actor actor,
        CancellationToken cancellationToken)
    {
        var latest = await db.MinutesVersions.Where(v => v.MeetingId == meeting.Id)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null) return latest;

        var draft = new MinutesVersion
        {
            MeetingId = meeting.Id, Number = 1, CreatedByPersonId = actor.PersonId, CreatedByName = actor.Name,
            CreatedAt = clock.GetUtcNow(), Items = await MinutesReader.InitialTextsAsync(db, meeting.Id, cancellationToken),
        };
        db.MinutesVersions.Add(draft);
        audit.Add(db, actor, AuditAction.Changed, "Drafted the minutes from the meeting's records", meetingId: meeting.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return draft;
        }
        catch (DbUpdateException)
        {
            // Someone else drafted them at the same moment (unique meeting and number): use theirs.
            db.ChangeTracker.Clear();
            return await db.MinutesVersions.Where(v => v.MeetingId == meeting.Id)
                .OrderByDescending(v => v.Number).FirstAsync(cancellationToken);
        }
    }

    static void EnsureCurrent(MinutesVersion current, Guid expectedVersion)
    {
        if (current.Version != expectedVersion) throw Conflict(current);
    }

    static ConcurrencyConflictException Conflict(MinutesVersion? current = null) => new(current is null
        ? "Someone else changed the minutes while you were working. Reload to see the latest version."
        : $"Someone else changed the minutes while you were working: version {current.Number} is now "
          + $"{current.Status.Label().ToLowerInvariant()}. Reload to see it before you save again.");

    static async Task SaveAsync(DapPanelDbContext db, MinutesVersion version, CancellationToken cancellationToken)
    {
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException) { throw Conflict(); }
    }

    /// <summary>The chair's text for the meeting's items only, keeping any item the form did not send.</summary>
    static List<MinutesItemText> Merge(MinutesVersion current, MinutesTexts texts)
    {
        var sent = texts.Items.GroupBy(t => t.AgendaItemId).ToDictionary(g => g.Key, g => g.Last());
        return current.Items.Select(i => sent.TryGetValue(i.AgendaItemId, out var t) ? t : i).ToList();
    }

    static MinutesContent Snapshot(MinutesVersion version) =>
        JsonSerializer.Deserialize<MinutesContent>(version.Snapshot!, Json)
        ?? throw new InvalidOperationException($"Minutes version {version.Number} has no snapshot.");

    static string? Tidy(string? text) => PlainText.IsBlank(text) ? null : text.Trim();

    static async Task<List<MinutesVersionSummary>> HistoryAsync(DapPanelDbContext db, Guid meetingId,
        CancellationToken cancellationToken) =>
        (await db.MinutesVersions.AsNoTracking().Where(v => v.MeetingId == meetingId).ToListAsync(cancellationToken))
        .OrderBy(v => v.Number).Select(Summarise).ToList();

    static MinutesVersionSummary Summarise(MinutesVersion v) =>
        new(v.Number, v.Status, v.CreatedByName, v.CreatedAt, v.FinalisedByName, v.FinalisedAt, v.CorrectionReason);

    static async Task<MinutesEditView> EditViewAsync(DapPanelDbContext db, Meeting meeting, MinutesVersion current,
        CancellationToken cancellationToken)
    {
        var panelName = await db.Panels.Where(p => p.Id == meeting.PanelId).Select(p => p.Name).SingleAsync(cancellationToken);
        var items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meeting.Id).OrderBy(i => i.Order)
            .Select(i => new { i.Id, i.Order, i.Case!.Reference, i.Kind, i.IsDeferred, Outcome = i.Decision == null ? (DecisionOutcome?)null : i.Decision.Outcome })
            .ToListAsync(cancellationToken);
        var texts = current.Items.ToDictionary(t => t.AgendaItemId);
        return new MinutesEditView(meeting.Id, panelName, meeting.StartsAt, Summarise(current), current.Version,
            current.GeneralNotes, current.ConfidentialityStatementRead,
            items.Select(i => new MinutesItemEdit(i.Id, i.Order, i.Reference, i.Kind, i.IsDeferred, i.Outcome,
                texts.GetValueOrDefault(i.Id)?.Summary, texts.GetValueOrDefault(i.Id)?.Notes)).ToList(),
            await HistoryAsync(db, meeting.Id, cancellationToken));
    }
}
