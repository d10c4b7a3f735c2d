using System.Globalization;
using System.Text;
using DapPanel.Core.Agenda;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using DapPanel.Core.InformationSharing;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Core.Circulation;

public interface ICirculationService
{
    Task<CirculationView> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
    /// <summary>Records the circulation with its queued emails in one save, then sends; failures stay listed.</summary>
    Task<SendReport> CirculateAsync(Actor actor, Guid meetingId, Guid version, CancellationToken cancellationToken = default);
    Task<SendReport> RetryFailedAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
    Task<SendReport> SendAddendumAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
    /// <summary>
    /// The circulated list for agencies: names to search their records for, victim-survivors only for agencies in the
    /// victims' safety plan, never victim contact details. Each read is audited with its basis.
    /// </summary>
    Task<CaseListView> GetCaseListAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
    /// <summary>The same list, taken away as a document: audited as a download.</summary>
    Task<CaseListView> DownloadCaseListAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default);
}

public sealed class CirculationService(
    IDbContextFactory<DapPanelDbContext> dbFactory, IAuditLog audit, NotificationOutbox notifier, NeedToKnow needToKnow, TimeProvider clock)
    : ICirculationService
{
    const string Circulating = "circulate agendas";
    static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string? NoticeWarning(DateTimeOffset circulatedAt, DateTimeOffset startsAt, int noticePeriodDays)
    {
        if (startsAt - circulatedAt >= TimeSpan.FromDays(noticePeriodDays)) return null;
        var days = Math.Max(0, (int)(startsAt - circulatedAt).TotalDays);
        return $"The case list goes out {(days == 1 ? "1 day" : $"{days} days")} before the meeting, less than the panel's "
            + $"notice period of {noticePeriodDays} days: agencies may not have time to research their records.";
    }

    public async Task<CirculationView> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        actor.Require("see circulation", Role.Administrator, Role.Chair);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await LoadAsync(db, meetingId, cancellationToken);
        (await EnsureMaySeeListAsync(actor, meeting, needToKnow, cancellationToken)).OfChairsOrAdministrators("see its circulation");
        var agencies = await MemberAgenciesAsync(db, meeting, cancellationToken);
        var recipients = await db.People.CountAsync(p => agencies.Contains(p.AgencyId) && p.Email != null, cancellationToken);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.MeetingId == meetingId)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Agency!.Name).ThenBy(n => n.RecipientName)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Agency!.Name, n.RecipientName, n.RecipientEmail, n.Status, n.Error,
                n.Attempts, n.CreatedAt, n.SentAt))
            .ToListAsync(cancellationToken);
        var warning = NoticeWarning(meeting.CirculatedAt ?? clock.GetUtcNow(), meeting.StartsAt, meeting.Panel!.NoticePeriodDays);
        return new CirculationView(AgendaService.Heading(meeting), meeting.AgendaItems.Count, meeting.Panel.NoticePeriodDays,
            meeting.CirculatedAt, warning, recipients, notifications, await ChangesAsync(db, meetingId, cancellationToken));
    }

    public async Task<SendReport> CirculateAsync(Actor actor, Guid meetingId, Guid version, CancellationToken cancellationToken = default)
    {
        actor.Require(Circulating, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await LoadAsync(db, meetingId, cancellationToken, tracked: true);
        if (meeting.Version != version)
            throw new ConcurrencyConflictException("The agenda changed since you opened this page; it has been reloaded: check it and circulate again.");
        var now = clock.GetUtcNow();
        meeting.Circulate(now);
        var warning = NoticeWarning(now, meeting.StartsAt, meeting.Panel!.NoticePeriodDays);
        var panel = meeting.Panel.Name;
        var queued = await notifier.QueueAsync(db, meeting, NotificationKind.Circulation,
            await MemberAgenciesAsync(db, meeting, cancellationToken),
            $"OFFICIAL-SENSITIVE: {panel} case list for {Day(meeting.StartsAt)}", CirculationBody(meeting, panel),
            cancellationToken);
        audit.Add(db, actor, AuditAction.Changed,
            $"Circulated the {panel} agenda of {Day(meeting.StartsAt)} ({meeting.AgendaItems.Count} cases) to {queued.Count} people",
            meetingId: meeting.Id);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException("Someone else changed or circulated this meeting at the same moment; reload and check it.");
        }
        return await notifier.SendAsync(db, meeting, panel, queued, cancellationToken) with { NoticeWarning = warning };
    }

    public async Task<SendReport> RetryFailedAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        actor.Require(Circulating, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await LoadAsync(db, meetingId, cancellationToken);
        var unsent = await db.Notifications.Where(n => n.MeetingId == meetingId && n.Status != NotificationStatus.Sent)
            .ToListAsync(cancellationToken);
        if (unsent.Count == 0) throw new DomainRuleException("Every email for this meeting has been sent; there is nothing to retry.");
        audit.Add(db, actor, AuditAction.Changed, $"Retried {unsent.Count} unsent emails", meetingId: meetingId);
        await db.SaveChangesAsync(cancellationToken);
        return await notifier.SendAsync(db, meeting, meeting.Panel!.Name, unsent, cancellationToken);
    }

    public async Task<SendReport> SendAddendumAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
    {
        actor.Require(Circulating, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await LoadAsync(db, meetingId, cancellationToken);
        if (meeting.Status != MeetingStatus.Circulated)
            throw new DomainRuleException("An addendum goes out only for a circulated meeting that has not started.");
        var changes = await db.AgendaChanges.Where(c => c.MeetingId == meetingId && c.NotifiedAt == null)
            .OrderBy(c => c.ChangedAt).ToListAsync(cancellationToken);
        if (changes.Count == 0) throw new DomainRuleException("The agenda has not changed since it was last sent.");
        var now = clock.GetUtcNow();
        changes.ForEach(c => c.NotifiedAt = now);
        var panel = meeting.Panel!.Name;
        var body = new StringBuilder($"The {panel} agenda for {Day(meeting.StartsAt)} has changed since it was circulated:\n\n");
        foreach (var c in changes) body.AppendLine($"- {c.CaseReference}: {c.Kind.Label()}. {c.Detail}");
        body.AppendLine().AppendLine($"The current case list: {notifier.Link($"/meetings/{meeting.Id}/case-list")}");
        var queued = await notifier.QueueAsync(db, meeting, NotificationKind.Addendum,
            await MemberAgenciesAsync(db, meeting, cancellationToken),
            $"OFFICIAL-SENSITIVE: addendum to the {panel} case list for {Day(meeting.StartsAt)}", body.ToString(), cancellationToken);
        audit.Add(db, actor, AuditAction.Changed, $"Sent an addendum of {changes.Count} agenda changes to {queued.Count} people",
            meetingId: meetingId);
        await db.SaveChangesAsync(cancellationToken);
        return await notifier.SendAsync(db, meeting, panel, queued, cancellationToken);
    }

    public Task<CaseListView> GetCaseListAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default) =>
        CaseListAsync(actor, meetingId, "Opened the circulated case list", cancellationToken);

    public Task<CaseListView> DownloadCaseListAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default) =>
        CaseListAsync(actor with { View = null }, meetingId, "Downloaded the case list PDF", cancellationToken);

    async Task<CaseListView> CaseListAsync(Actor actor, Guid meetingId, string what, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var meeting = await LoadAsync(db, meetingId, cancellationToken);
        var basis = await EnsureMaySeeListAsync(actor, meeting, needToKnow, cancellationToken);
        var entries = await CaseListEntries.ForAsync(db, meeting, basis, cancellationToken);
        await audit.RecordDisclosureAsync(actor,
            $"{what} ({(basis.SeesVictimDetails ? "with" : "without")} victim details; {basis.Recorded})",
            meetingId: meetingId, action: AuditAction.Exported, cancellationToken: cancellationToken);
        var changes = (await ChangesAsync(db, meetingId, cancellationToken)).Where(c => c.NotifiedAt is not null).ToList();
        return new CaseListView(AgendaService.Heading(meeting), meeting.CirculatedAt,
            ResearchDeadline.Of(meeting), entries, changes, basis);
    }

    /// <summary>
    /// Chairs and administrators always; a member agency once the list has gone out and its person has acknowledged
    /// the panel's information-sharing agreement.
    /// </summary>
    internal static Task<SharingBasis> EnsureMaySeeListAsync(Actor actor, Meeting meeting, NeedToKnow needToKnow,
        CancellationToken cancellationToken) =>
        needToKnow.MeetingBasisAsync(actor, meeting.PanelId, meeting.Status, cancellationToken);

    internal static async Task<Meeting> LoadAsync(DapPanelDbContext db, Guid meetingId, CancellationToken cancellationToken,
        bool tracked = false)
    {
        var query = db.Meetings.Include(m => m.Panel).Include(m => m.AgendaItems).ThenInclude(i => i.Case).AsQueryable();
        if (!tracked) query = query.AsNoTracking();
        return await query.SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
            ?? throw new NotFoundException("That meeting does not exist.");
    }

    internal static async Task<List<Guid>> MemberAgenciesAsync(DapPanelDbContext db, Meeting meeting, CancellationToken cancellationToken) =>
        await db.PanelMemberships.Where(m => m.PanelId == meeting.PanelId).Select(m => m.AgencyId).ToListAsync(cancellationToken);

    static async Task<IReadOnlyList<AgendaChangeView>> ChangesAsync(DapPanelDbContext db, Guid meetingId, CancellationToken cancellationToken) =>
        (await db.AgendaChanges.AsNoTracking().Where(c => c.MeetingId == meetingId)
            .Select(c => new AgendaChangeView(c.CaseReference, c.Kind, c.Detail, c.ChangedAt, c.NotifiedAt))
            .ToListAsync(cancellationToken)).OrderBy(c => c.ChangedAt).ToList();

    string CirculationBody(Meeting meeting, string panel)
    {
        var body = new StringBuilder();
        body.AppendLine($"The case list for {panel} on {Day(meeting.StartsAt)} at {Time(meeting.StartsAt)} is ready.");
        if (meeting.Location is not null) body.AppendLine($"Room: {meeting.Location}");
        if (meeting.OnlineLink is not null) body.AppendLine($"Join online: {meeting.OnlineLink}");
        body.AppendLine().AppendLine($"{meeting.AgendaItems.Count} cases, by reference:");
        foreach (var item in meeting.AgendaItems.OrderBy(i => i.Order))
            body.AppendLine($"{item.Order}. {item.Case!.Reference} ({item.Kind.Label().ToLowerInvariant()})");
        var deadline = ResearchDeadline.Of(meeting);
        body.AppendLine().AppendLine($"Please research your agency's records and answer for each case by {deadline.ToString("dddd d MMMM", British)}:");
        body.AppendLine(notifier.Link($"/meetings/{meeting.Id}/research"));
        body.AppendLine($"The full list (OFFICIAL-SENSITIVE): {notifier.Link($"/meetings/{meeting.Id}/case-list")}");
        body.AppendLine().AppendLine("A calendar invitation for the meeting is attached.");
        return body.ToString();
    }

    static string Day(DateTimeOffset at) => PanelTime.ToLocal(at).ToString("ddd d MMM yyyy", British);
    static string Time(DateTimeOffset at) => PanelTime.ToLocal(at).ToString("HH:mm", British);
}
