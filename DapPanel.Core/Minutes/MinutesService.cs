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
    /// <summary>
    /// The chair's working copy and the minutes as they will print. Reading saves nothing: until the chair first
    /// saves or finalises, the draft is read live from the meeting's records (<see cref="MinutesEditView.IsSaved"/> false).
    /// </summary>
    Task<MinutesEditView> GetForEditAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);

    Task<MinutesEditView> SaveDraftAsync(Actor actor, Guid meetingId, MinutesTexts texts, Guid expectedVersion,
        CancellationToken cancellationToken = default);

    Task<MinutesEditView> FinaliseAsync(Actor actor, Guid meetingId, MinutesTexts texts, Guid expectedVersion,
        CancellationToken cancellationToken = default);

    /// <summary>A new final version with corrected text and the reason; earlier versions stay as they were.</summary>
    Task<MinutesEditView> CorrectAsync(Actor actor, Guid meetingId, MinutesTexts texts, string? reason,
        Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// One version (the latest if none is named) for download; every export is audited. Before anything is saved,
    /// version 1 is the live draft, rendered without being stored.
    /// </summary>
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
        var meeting = await ClosedMeetingAsync(db, actor, meetingId, cancellationToken);
        var current = await LatestAsync(db, meeting.Id, cancellationToken) ?? await UnsavedDraftAsync(db, meeting, actor, cancellationToken);
        var view = await EditViewAsync(db, meeting, current, cancellationToken);
        // The review shows every case's summary, levers and decision: a disclosure, recorded once per view.
        await audit.RecordDisclosureAsync(actor,
            $"Opened the minutes to review (version {current.Number}, {(view.IsSaved ? current.Status.Label().ToLowerInvariant() : "draft not yet saved")})",
            meetingId: meetingId, cancellationToken: cancellationToken);
        return view;
    }

    public async Task<MinutesEditView> SaveDraftAsync(Actor actor, Guid meetingId, MinutesTexts texts,
        Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        actor.Require("correct the minutes", Role.Chair);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await ClosedMeetingAsync(db, actor, meetingId, cancellationToken);
        var current = await ToChangeAsync(db, meeting, actor, expectedVersion, cancellationToken);
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
        var meeting = await ClosedMeetingAsync(db, actor, meetingId, cancellationToken);
        var current = await ToChangeAsync(db, meeting, actor, expectedVersion, cancellationToken);
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
        var meeting = await ClosedMeetingAsync(db, actor, meetingId, cancellationToken);
        var current = await ToChangeAsync(db, meeting, actor, expectedVersion, cancellationToken);
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
        actor.Require("download the minutes", Role.Chair, Role.Administrator, Role.AgencyMember);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (meeting, basis) = await ReadableClosedMeetingAsync(db, actor, meetingId, cancellationToken);
        var saved = await LatestAsync(db, meeting.Id, cancellationToken);
        // Minutes go to every member agency once final; drafts stay with the chairs and administrators.
        if (saved is null && !basis.ChairsOrAdministers) throw new AccessDeniedException(DraftsRefusal);
        var latest = saved ?? await UnsavedDraftAsync(db, meeting, actor, cancellationToken);
        var version = versionNumber is { } n && n != latest.Number
            ? await db.MinutesVersions.AsNoTracking().SingleOrDefaultAsync(v => v.MeetingId == meetingId && v.Number == n,
                cancellationToken) ?? throw new NotFoundException($"These minutes have no version {n}.")
            : latest;
        if (!basis.ChairsOrAdministers && !version.IsFinal) throw new AccessDeniedException(DraftsRefusal);
        var content = version.IsFinal ? Snapshot(version)
            : await MinutesReader.ReadAsync(db, meeting, version, cancellationToken);
        var isSaved = version.Version != Guid.Empty;
        var history = isSaved ? await HistoryAsync(db, meetingId, cancellationToken) : [Summarise(version, isSaved)];

        var what = isSaved ? version.Status.Label().ToLowerInvariant() : "draft read from the meeting's records, not yet saved";
        await audit.RecordAsync(actor, AuditAction.Exported,
            $"Downloaded minutes version {version.Number} ({what}; {basis.Recorded})",
            meetingId: meetingId, cancellationToken: cancellationToken);
        return new MinutesDocument(content, Summarise(version, isSaved), history.Where(h => h.Number <= version.Number).ToList(),
            clock.GetUtcNow(), actor.Name);
    }

    public const string DraftsRefusal =
        "Only the panel's chairs and administrators can read draft minutes: member agencies receive the minutes once the chair finalises them.";

    /// <summary>The closed meeting, once NeedToKnow says this person may see its cases (a chair of its own panel).</summary>
    async Task<Meeting> ClosedMeetingAsync(DapPanelDbContext db, Actor actor, Guid meetingId, CancellationToken cancellationToken)
    {
        var (meeting, basis) = await ReadableClosedMeetingAsync(db, actor, meetingId, cancellationToken);
        basis.OfChairsOrAdministrators("work on its minutes");
        return meeting;
    }

    /// <summary>The closed meeting and what NeedToKnow lets this person see of it.</summary>
    async Task<(Meeting Meeting, SharingBasis Basis)> ReadableClosedMeetingAsync(DapPanelDbContext db, Actor actor, Guid meetingId,
        CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
        var basis = await needToKnow.MeetingBasisAsync(actor, meeting.PanelId, meeting.Status, cancellationToken);
        if (meeting.Status != MeetingStatus.Closed)
            throw new DomainRuleException("Minutes exist once the meeting is closed; this one is "
                + meeting.Status.Label().ToLowerInvariant() + ".");
        return (meeting, basis);
    }

    /// <summary>The latest saved version, if the chair has saved any.</summary>
    static Task<MinutesVersion?> LatestAsync(DapPanelDbContext db, Guid meetingId, CancellationToken cancellationToken) =>
        db.MinutesVersions.Where(v => v.MeetingId == meetingId).OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Version 1 as it would be drafted from the meeting's records now; not added to the database.</summary>
    async Task<MinutesVersion> UnsavedDraftAsync(DapPanelDbContext db, Meeting meeting, Actor actor,
        CancellationToken cancellationToken) => new()
    {
        MeetingId = meeting.Id, Number = 1, Version = Guid.Empty, CreatedByPersonId = actor.PersonId,
        CreatedByName = actor.Name, CreatedAt = clock.GetUtcNow(),
        Items = await MinutesReader.InitialTextsAsync(db, meeting.Id, cancellationToken),
    };

    /// <summary>
    /// The version a save, finalise or correction changes, checked against the one the chair had open. The first
    /// save drafts version 1 (the chair's form was opened on the unsaved draft, <see cref="Guid.Empty"/>).
    /// </summary>
    async Task<MinutesVersion> ToChangeAsync(DapPanelDbContext db, Meeting meeting, Actor actor, Guid expectedVersion,
        CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(db, meeting.Id, cancellationToken);
        if (latest is not null)
        {
            EnsureCurrent(latest, expectedVersion);
            return latest;
        }
        if (expectedVersion != Guid.Empty) throw Conflict();
        var draft = await UnsavedDraftAsync(db, meeting, actor, cancellationToken);
        draft.Version = Guid.NewGuid();
        db.MinutesVersions.Add(draft);
        audit.Add(db, actor, AuditAction.Changed, "Drafted the minutes from the meeting's records", meetingId: meeting.Id);
        return draft;
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
        // A stale version, or another chair saving the first draft at the same moment (unique meeting and number).
        catch (DbUpdateException) { throw Conflict(); }
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
        .OrderBy(v => v.Number).Select(v => Summarise(v)).ToList();

    static MinutesVersionSummary Summarise(MinutesVersion v, bool saved = true) =>
        new(v.Number, v.Status, v.CreatedByName, v.CreatedAt, v.FinalisedByName, v.FinalisedAt, v.CorrectionReason, saved);

    static async Task<MinutesEditView> EditViewAsync(DapPanelDbContext db, Meeting meeting, MinutesVersion current,
        CancellationToken cancellationToken)
    {
        var panelName = await db.Panels.Where(p => p.Id == meeting.PanelId).Select(p => p.Name).SingleAsync(cancellationToken);
        var items = await db.AgendaItems.AsNoTracking().Where(i => i.MeetingId == meeting.Id).OrderBy(i => i.Order)
            .Select(i => new { i.Id, i.Order, i.Case!.Reference, i.Kind, i.IsDeferred, Outcome = i.Decision == null ? (DecisionOutcome?)null : i.Decision.Outcome })
            .ToListAsync(cancellationToken);
        var texts = current.Items.ToDictionary(t => t.AgendaItemId);
        var saved = current.Version != Guid.Empty;
        var content = current.IsFinal ? Snapshot(current) : await MinutesReader.ReadAsync(db, meeting, current, cancellationToken);
        return new MinutesEditView(meeting.Id, panelName, meeting.StartsAt, Summarise(current, saved), current.Version,
            current.GeneralNotes, current.ConfidentialityStatementRead,
            items.Select(i => new MinutesItemEdit(i.Id, i.Order, i.Reference, i.Kind, i.IsDeferred, i.Outcome,
                texts.GetValueOrDefault(i.Id)?.Summary, texts.GetValueOrDefault(i.Id)?.Notes)).ToList(),
            saved ? await HistoryAsync(db, meeting.Id, cancellationToken) : [], content);
    }
}
