using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Agenda;

public interface IAgendaService
{
    Task<IReadOnlyList<PanelOption>> PanelsAsync(Actor actor, CancellationToken cancellationToken = default);
    Task<Guid> CreateMeetingAsync(Actor actor, NewMeetingInput input, CancellationToken cancellationToken = default);
    Task<AgendaBuilderView> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);

    // Every change names the agenda version it was made against; a stale one is refused, not merged.
    Task<AgendaBuilderView> AddItemAsync(Actor actor, Guid meetingId, Guid version, Guid caseId, AgendaItemKind kind,
        CancellationToken cancellationToken = default);
    Task<AgendaBuilderView> RemoveItemAsync(Actor actor, Guid meetingId, Guid version, Guid itemId,
        CancellationToken cancellationToken = default);
    Task<AgendaBuilderView> MoveItemAsync(Actor actor, Guid meetingId, Guid version, Guid itemId, int by,
        CancellationToken cancellationToken = default);
    Task<AgendaBuilderView> UpdateItemAsync(Actor actor, Guid meetingId, Guid version, Guid itemId, int plannedMinutes,
        string? focus, CancellationToken cancellationToken = default);
}

public sealed class AgendaService(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, TimeProvider clock)
    : IAgendaService
{
    const string Building = "build agendas";
    public const int MaxItemMinutes = 60;
    public const int MaxFocusLength = 2000;

    public async Task<IReadOnlyList<PanelOption>> PanelsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Building, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Panels.OrderBy(p => p.Name).Select(p => new PanelOption(p.Id, p.Name, p.DefaultMeetingMinutes))
            .ToListAsync(cancellationToken);
    }

    public async Task<Guid> CreateMeetingAsync(Actor actor, NewMeetingInput input, CancellationToken cancellationToken = default)
    {
        actor.Require(Building, Role.Administrator);
        InvalidInputException.ThrowIfAny(input.Problems(clock.GetUtcNow()));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var panel = await db.Panels.SingleOrDefaultAsync(p => p.Id == input.PanelId, cancellationToken)
            ?? throw new NotFoundException("That panel does not exist.");
        var startsAt = PanelTime.At(input.Date!.Value, input.StartTime!.Value);
        if (await db.Meetings.AnyAsync(m => m.PanelId == panel.Id && m.StartsAt == startsAt, cancellationToken))
            throw new DomainRuleException($"{panel.Name} already has a meeting at that date and time.");
        var meeting = new Meeting
        {
            PanelId = panel.Id, StartsAt = startsAt, PlannedMinutes = input.PlannedMinutes,
            Location = Blank(input.Location), OnlineLink = Blank(input.OnlineLink),
        };
        db.Meetings.Add(meeting);
        audit.Add(db, actor, AuditAction.Changed, $"Created a {panel.Name} meeting for {input.Date:d MMM yyyy}",
            meetingId: meeting.Id);
        await db.SaveChangesAsync(cancellationToken);
        return meeting.Id;
    }

    public async Task<AgendaBuilderView> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        actor.Require(Building, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var view = await ViewAsync(db, meetingId, cancellationToken);
        await audit.RecordDisclosureAsync(actor, $"Opened the agenda builder ({view.Items.Count} on the agenda, {view.Candidates.Count} due)",
            meetingId: meetingId, cancellationToken: cancellationToken);
        return view;
    }

    public Task<AgendaBuilderView> AddItemAsync(Actor actor, Guid meetingId, Guid version, Guid caseId, AgendaItemKind kind,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, meetingId, version, async (db, meeting) =>
        {
            var candidate = (await CandidatesAsync(db, meeting, cancellationToken)).SingleOrDefault(c => c.CaseId == caseId)
                ?? throw new DomainRuleException("That case is already on an agenda or is not due at this meeting.");
            if (!candidate.Kinds.Contains(kind))
                throw new DomainRuleException($"{candidate.CaseReference} cannot be heard as {kind.Label().ToLowerInvariant()} at this meeting.");
            var item = new AgendaItem
            {
                MeetingId = meeting.Id, CaseId = caseId, Kind = kind, Order = meeting.AgendaItems.Count + 1,
                PlannedMinutes = AgendaCandidates.DefaultMinutes(kind),
                Focus = AgendaCandidates.SuggestedFocus(kind, candidate.NeedsExtensionReason),
            };
            db.AgendaItems.Add(item);
            Record(db, meeting, caseId, candidate.CaseReference, AgendaChangeKind.Added, $"Added as item {item.Order}");
            return $"Added {candidate.CaseReference} to the agenda as {kind.Label().ToLowerInvariant()}";
        }, cancellationToken);

    public Task<AgendaBuilderView> RemoveItemAsync(Actor actor, Guid meetingId, Guid version, Guid itemId,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, meetingId, version, (db, meeting) =>
        {
            var item = Item(meeting, itemId);
            db.AgendaItems.Remove(item);
            var order = 1;
            foreach (var other in meeting.AgendaItems.Where(i => i != item).OrderBy(i => i.Order)) other.Order = order++;
            Record(db, meeting, item.CaseId, item.Case!.Reference, AgendaChangeKind.Withdrawn, "Withdrawn from the agenda");
            return Task.FromResult($"Removed {item.Case.Reference} from the agenda");
        }, cancellationToken);

    public Task<AgendaBuilderView> MoveItemAsync(Actor actor, Guid meetingId, Guid version, Guid itemId, int by,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, meetingId, version, (db, meeting) =>
        {
            var ordered = meeting.AgendaItems.OrderBy(i => i.Order).ToList();
            var item = Item(meeting, itemId);
            var from = ordered.IndexOf(item);
            var to = Math.Clamp(from + by, 0, ordered.Count - 1);
            if (to == from) throw new DomainRuleException("The item is already at that end of the agenda.");
            ordered.RemoveAt(from);
            ordered.Insert(to, item);
            for (var i = 0; i < ordered.Count; i++) ordered[i].Order = i + 1;
            Record(db, meeting, item.CaseId, item.Case!.Reference, AgendaChangeKind.Reordered, $"Now item {to + 1}");
            return Task.FromResult($"Moved {item.Case.Reference} from item {from + 1} to {to + 1}");
        }, cancellationToken);

    public Task<AgendaBuilderView> UpdateItemAsync(Actor actor, Guid meetingId, Guid version, Guid itemId, int plannedMinutes,
        string? focus, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, meetingId, version, (db, meeting) =>
        {
            var problems = new List<string>();
            if (plannedMinutes is < 1 or > MaxItemMinutes) problems.Add($"Planned minutes must be between 1 and {MaxItemMinutes}.");
            if (focus?.Trim().Length > MaxFocusLength) problems.Add($"The focus is at most {MaxFocusLength} characters.");
            InvalidInputException.ThrowIfAny(problems);
            var item = Item(meeting, itemId);
            item.PlannedMinutes = plannedMinutes;
            item.Focus = Blank(focus);
            return Task.FromResult($"Set {item.Case!.Reference} to {plannedMinutes} minutes with its focus");
        }, cancellationToken);

    async Task<AgendaBuilderView> ChangeAsync(Actor actor, Guid meetingId, Guid version,
        Func<DapPanelDbContext, Meeting, Task<string>> change, CancellationToken cancellationToken)
    {
        actor.Require(Building, Role.Administrator);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var meeting = await db.Meetings.Include(m => m.AgendaItems).ThenInclude(i => i.Case)
                .SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                ?? throw new NotFoundException("That meeting does not exist.");
            if (meeting.Version != version) throw Conflict();
            if (meeting.Status is not (MeetingStatus.Draft or MeetingStatus.Circulated))
                throw new DomainRuleException($"The agenda of a {meeting.Status.Label().ToLowerInvariant()} meeting cannot be changed.");
            var summary = await change(db, meeting);
            // The meeting's version stands for its whole agenda: touching it makes concurrent edits collide.
            db.Entry(meeting).Property(m => m.Version).IsModified = true;
            audit.Add(db, actor, AuditAction.Changed, summary, meetingId: meeting.Id);
            try { await db.SaveChangesAsync(cancellationToken); }
            catch (DbUpdateConcurrencyException) { throw Conflict(); }
        }
        await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(fresh, meetingId, cancellationToken);
    }

    static ConcurrencyConflictException Conflict() => new(
        "Someone else changed this agenda while you were working on it. It now shows their changes: check it and try again.");

    static AgendaItem Item(Meeting meeting, Guid itemId) =>
        meeting.AgendaItems.SingleOrDefault(i => i.Id == itemId)
        ?? throw new NotFoundException("That item is no longer on the agenda.");

    /// <summary>After circulation, agencies must hear of every change: it goes on the addendum.</summary>
    void Record(DapPanelDbContext db, Meeting meeting, Guid caseId, string reference, AgendaChangeKind kind, string detail)
    {
        if (meeting.Status != MeetingStatus.Circulated) return;
        var pending = kind == AgendaChangeKind.Reordered
            ? db.AgendaChanges.Local.Concat(db.AgendaChanges.Where(c => c.MeetingId == meeting.Id && c.CaseId == caseId
                    && c.Kind == kind && c.NotifiedAt == null))
                .FirstOrDefault(c => c.CaseId == caseId && c.Kind == kind && c.NotifiedAt == null)
            : null;
        if (pending is not null) { pending.Detail = detail; pending.ChangedAt = clock.GetUtcNow(); return; }
        db.AgendaChanges.Add(new AgendaChange
        {
            MeetingId = meeting.Id, CaseId = caseId, CaseReference = reference, Kind = kind, Detail = detail,
            ChangedAt = clock.GetUtcNow(),
        });
    }

    async Task<AgendaBuilderView> ViewAsync(DapPanelDbContext db, Guid meetingId, CancellationToken cancellationToken)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Panel).Include(m => m.AgendaItems).ThenInclude(i => i.Case)
            .SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
        var items = meeting.AgendaItems.OrderBy(i => i.Order)
            .Select(i => new AgendaBuilderItem(i.Id, i.Order, i.CaseId, i.Case!.Reference, i.Case.Perpetrator.FullName, i.Kind,
                i.Case.RiskLevel, i.PlannedMinutes, i.Focus))
            .ToList();
        var candidates = meeting.Status is MeetingStatus.Draft or MeetingStatus.Circulated
            ? await CandidatesAsync(db, meeting, cancellationToken) : [];
        var unnotified = await db.AgendaChanges.CountAsync(c => c.MeetingId == meetingId && c.NotifiedAt == null, cancellationToken);
        return new AgendaBuilderView(Heading(meeting), items, candidates, unnotified);
    }

    static async Task<IReadOnlyList<AgendaCandidate>> CandidatesAsync(DapPanelDbContext db, Meeting meeting,
        CancellationToken cancellationToken)
    {
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Referred || c.Status == CaseStatus.Accepted || c.Status == CaseStatus.Review)
            .ToListAsync(cancellationToken);
        var decided = (await db.AgendaItems.Where(i => i.Decision != null).Select(i => i.CaseId).ToListAsync(cancellationToken))
            .ToHashSet();
        var onAgendas = (await db.AgendaItems
                .Where(i => i.MeetingId == meeting.Id || i.Meeting!.Status != MeetingStatus.Closed)
                .Select(i => i.CaseId).ToListAsync(cancellationToken))
            .ToHashSet();
        var date = DateOnly.FromDateTime(PanelTime.ToLocal(meeting.StartsAt).DateTime);
        return AgendaCandidates.For(cases, decided, onAgendas, date);
    }

    internal static MeetingHeading Heading(Meeting m) =>
        new(m.Id, m.Panel?.Name ?? "", m.StartsAt, m.PlannedMinutes, m.Location, m.OnlineLink, m.Status, m.Version);

    static string? Blank(string? value) => PlainText.IsBlank(value) ? null : value.Trim();
}
