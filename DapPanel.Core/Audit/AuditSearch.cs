using System.Globalization;
using System.Text;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Audit;

/// <summary>What to look for in the audit log; every part is optional. Dates are the panel's local days, inclusive.</summary>
public sealed record AuditQuery(string? UserId = null, string? CaseReference = null, Guid? MeetingId = null,
    DateOnly? From = null, DateOnly? To = null, AuditAction? Action = null);

public sealed record AuditEntryView(long Id, DateTimeOffset At, AuditAction Action, string ActorName, Guid? CaseId,
    string? CaseReference, Guid? MeetingId, string? MeetingPanel, DateTimeOffset? MeetingStartsAt, string Summary,
    string? Before, string? After);

public sealed record AuditPage(IReadOnlyList<AuditEntryView> Entries, int PageNumber, int PageSize, bool HasOlder);

public sealed record AuditPersonOption(string UserId, string Name, string AgencyName);

public sealed record AuditMeetingOption(Guid MeetingId, string PanelName, DateTimeOffset StartsAt);

public sealed record AuditSearchOptions(IReadOnlyList<AuditPersonOption> People, IReadOnlyList<AuditMeetingOption> Meetings);

public sealed record AuditExport(string FileName, string Csv, int Rows, bool Truncated);

/// <summary>Administrators and managers search the audit log; nobody can change it.</summary>
public interface IAuditSearch
{
    Task<AuditSearchOptions> OptionsAsync(Actor actor, CancellationToken cancellationToken = default);

    /// <summary>One page of matching entries, newest first; <paramref name="pageNumber"/> starts at 1.</summary>
    Task<AuditPage> SearchAsync(Actor actor, AuditQuery query, int pageNumber = 1, CancellationToken cancellationToken = default);

    /// <summary>Every matching entry (up to <see cref="AuditSearch.MaxExportRows"/>) as CSV; the export is itself audited.</summary>
    Task<AuditExport> ExportAsync(Actor actor, AuditQuery query, CancellationToken cancellationToken = default);
}

public sealed class AuditSearch(IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit) : IAuditSearch
{
    public const int PageSize = 50;
    public const int MaxExportRows = 20_000;
    const string Searching = "search the audit log";
    static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public async Task<AuditSearchOptions> OptionsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Searching, Role.Administrator, Role.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var people = await (from user in db.Users
                join person in db.People on user.PersonId equals person.Id
                orderby person.FullName
                select new AuditPersonOption(user.Id, person.FullName, person.Agency!.Name))
            .ToListAsync(cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().OrderByDescending(m => m.StartsAt)
            .Select(m => new AuditMeetingOption(m.Id, m.Panel!.Name, m.StartsAt)).ToListAsync(cancellationToken);
        return new AuditSearchOptions(people, meetings);
    }

    public async Task<AuditPage> SearchAsync(Actor actor, AuditQuery query, int pageNumber = 1,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Searching, Role.Administrator, Role.Manager);
        pageNumber = Math.Max(1, pageNumber);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (await FilterAsync(db, query, cancellationToken))
            .Skip((pageNumber - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        var entries = await DescribeAsync(db, actor, rows.Take(PageSize).ToList(), cancellationToken);
        return new AuditPage(entries, pageNumber, PageSize, rows.Count > PageSize);
    }

    public async Task<AuditExport> ExportAsync(Actor actor, AuditQuery query, CancellationToken cancellationToken = default)
    {
        actor.Require(Searching, Role.Administrator, Role.Manager);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (await FilterAsync(db, query, cancellationToken)).Take(MaxExportRows + 1).ToListAsync(cancellationToken);
        var truncated = rows.Count > MaxExportRows;
        var entries = await DescribeAsync(db, actor, rows.Take(MaxExportRows).ToList(), cancellationToken);

        var csv = new StringBuilder();
        Line(csv, ["When (UK time)", "Kind", "Who", "Case", "Meeting", "What", "Before", "After"]);
        foreach (var e in entries)
            Line(csv, [
                PanelTime.ToLocal(e.At).ToString("yyyy-MM-dd HH:mm:ss", British), e.Action.Label(), e.ActorName,
                e.CaseReference ?? "", Meeting(e) ?? "", e.Summary, e.Before ?? "", e.After ?? "",
            ]);
        await audit.RecordAsync(actor, AuditAction.Exported,
            $"Exported {entries.Count} audit {(entries.Count == 1 ? "entry" : "entries")} as CSV ({Describe(query)})", cancellationToken: cancellationToken);
        return new AuditExport("audit-log.csv", csv.ToString(), entries.Count, truncated);
    }

    static string? Meeting(AuditEntryView e) => e.MeetingPanel is null || e.MeetingStartsAt is null ? null
        : $"{e.MeetingPanel}, {PanelTime.ToLocal(e.MeetingStartsAt.Value).ToString("d MMM yyyy", British)}";

    static void Line(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(InsightCsv.Cell));
        csv.Append("\r\n");
    }

    static string Describe(AuditQuery q)
    {
        var parts = new List<string>();
        if (q.UserId is not null) parts.Add("one person");
        if (!string.IsNullOrWhiteSpace(q.CaseReference)) parts.Add($"case {q.CaseReference.Trim()}");
        if (q.MeetingId is not null) parts.Add("one meeting");
        if (q.From is { } from) parts.Add($"from {from:d MMM yyyy}");
        if (q.To is { } to) parts.Add($"to {to:d MMM yyyy}");
        if (q.Action is { } action) parts.Add(action.Label().ToLowerInvariant());
        return parts.Count == 0 ? "everything" : string.Join(", ", parts);
    }

    /// <summary>The matching entries newest first; each filter is served by an (x, At) index.</summary>
    static async Task<IQueryable<AuditEvent>> FilterAsync(DapPanelDbContext db, AuditQuery query, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (query.From is { } f && query.To is { } t && t < f) problems.Add("The end date is before the start date.");
        if (query.Action is { } a && !Enum.IsDefined(a)) problems.Add("Choose a kind of event from the list.");
        Guid? caseId = null;
        if (!string.IsNullOrWhiteSpace(query.CaseReference))
        {
            var reference = query.CaseReference.Trim().ToUpperInvariant();
            caseId = await db.Cases.Where(c => c.Reference.ToUpper() == reference).Select(c => (Guid?)c.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (caseId is null) problems.Add($"No case has the reference \"{Clip(query.CaseReference.Trim())}\".");
        }
        InvalidInputException.ThrowIfAny(problems);

        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(query.UserId)) events = events.Where(e => e.UserId == query.UserId);
        if (caseId is not null) events = events.Where(e => e.CaseId == caseId);
        if (query.MeetingId is { } meetingId) events = events.Where(e => e.MeetingId == meetingId);
        if (query.Action is { } action) events = events.Where(e => e.Action == action);
        if (query.From is { } from)
        {
            var start = PanelTime.At(from, TimeOnly.MinValue);
            events = events.Where(e => e.At >= start);
        }
        if (query.To is { } to)
        {
            var end = PanelTime.At(to.AddDays(1), TimeOnly.MinValue);
            events = events.Where(e => e.At < end);
        }
        return events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);
    }

    static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>What was changed, word for word, is case detail: administrators see it; managers oversee who did what.</summary>
    public const string ChangeWithheld = "Withheld — administrators see what was changed";

    static async Task<List<AuditEntryView>> DescribeAsync(DapPanelDbContext db, Actor actor, List<AuditEvent> rows,
        CancellationToken cancellationToken)
    {
        var seesChanges = actor.Is(Role.Administrator);
        var caseIds = rows.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).Distinct().ToList();
        var meetingIds = rows.Where(r => r.MeetingId is not null).Select(r => r.MeetingId!.Value).Distinct().ToList();
        var references = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Reference, cancellationToken);
        var meetings = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id))
            .Select(m => new { m.Id, Panel = m.Panel!.Name, m.StartsAt })
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        return rows.Select(r =>
        {
            var meeting = r.MeetingId is { } id && meetings.TryGetValue(id, out var m) ? m : null;
            return new AuditEntryView(r.Id, r.At, r.Action, r.ActorName, r.CaseId,
                r.CaseId is { } c && references.TryGetValue(c, out var reference) ? reference : null,
                r.MeetingId, meeting?.Panel, meeting?.StartsAt, r.Summary,
                seesChanges || r.Before is null ? r.Before : ChangeWithheld, seesChanges || r.After is null ? r.After : ChangeWithheld);
        }).ToList();
    }
}
