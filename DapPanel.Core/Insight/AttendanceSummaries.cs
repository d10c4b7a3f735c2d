using System.Globalization;
using System.Text;
using DapPanel.Core.Audit;
using DapPanel.Core.Circulation;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace DapPanel.Core.Insight;

public sealed record SummaryReport(DateOnly Month, int Sent, int AlreadySent, int WithoutContact, IReadOnlyList<string> Failures)
{
    /// <summary>The month as the panel writes it ("November 2026"), in logs as in the e-mails.</summary>
    public string MonthName => NameOf(Month);

    public static string NameOf(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}

/// <summary>Each agency's senior contact gets one attendance summary a month, so senior managers can champion attendance.</summary>
public interface IAttendanceSummaries
{
    /// <summary>Sends the summaries of the month starting on <paramref name="month"/> to contacts not yet sent it.</summary>
    Task<SummaryReport> SendMonthAsync(Actor actor, DateOnly month, CancellationToken cancellationToken = default);
    /// <summary>On the first day of a month, sends last month's summaries; on other days does nothing.</summary>
    Task<SummaryReport?> SendDueAsync(CancellationToken cancellationToken = default);
    /// <summary>The month an administrator's "send now" covers: the last full month.</summary>
    DateOnly LastMonth();
}

public sealed class AttendanceSummaries(
    IDbContextFactory<DapPanelDbContext> dbFactory, IEmailSender email, EmailSettings settings, IAuditLog audit,
    TimeProvider clock, ILogger<AttendanceSummaries> logger) : IAttendanceSummaries
{
    static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");
    static readonly Actor Schedule = new("system:monthly-summary", Guid.Empty, Guid.Empty, "DapPanel monthly schedule",
        new HashSet<Role>());

    public DateOnly LastMonth()
    {
        var today = PanelTime.Today(clock);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }

    public Task<SummaryReport> SendMonthAsync(Actor actor, DateOnly month, CancellationToken cancellationToken = default)
    {
        actor.Require("send attendance summaries", Role.Administrator);
        if (month.Day != 1) throw new DomainRuleException("Choose a month, starting on its first day.");
        if (month.AddMonths(1) > PanelTime.Today(clock))
            throw new DomainRuleException("A month's summary can be sent once the month has ended.");
        return SendAsync(actor, month, cancellationToken);
    }

    public async Task<SummaryReport?> SendDueAsync(CancellationToken cancellationToken = default)
    {
        if (PanelTime.Today(clock).Day != 1) return null;
        return await SendAsync(Schedule, LastMonth(), cancellationToken);
    }

    async Task<SummaryReport> SendAsync(Actor actor, DateOnly month, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.PanelMemberships.AsNoTracking().Select(m => m.AgencyId).Distinct().ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => members.Contains(a.Id)).OrderBy(a => a.Name)
            .ToListAsync(cancellationToken);
        var already = (await db.AttendanceSummariesSent.Where(s => s.Month == month).Select(s => s.AgencyId)
            .ToListAsync(cancellationToken)).ToHashSet();
        int sent = 0, skipped = 0, withoutContact = 0;
        var failures = new List<string>();
        foreach (var agency in agencies)
        {
            if (agency.SeniorContactEmail is null) { withoutContact++; continue; }
            if (already.Contains(agency.Id)) { skipped++; continue; }
            // Reserve first: the unique (agency, month) index means a second sender cannot send it too.
            var record = new AttendanceSummarySent
            {
                AgencyId = agency.Id, Month = month, RecipientEmail = agency.SeniorContactEmail, SentAt = clock.GetUtcNow(),
            };
            db.AttendanceSummariesSent.Add(record);
            try { await db.SaveChangesAsync(cancellationToken); }
            catch (DbUpdateException)
            {
                db.Entry(record).State = EntityState.Detached;
                skipped++;
                continue;
            }
            try
            {
                await email.SendAsync(await MessageAsync(db, agency, month, cancellationToken), cancellationToken);
                sent++;
                await audit.RecordAsync(actor, AuditAction.Exported,
                    $"Sent {agency.Name}'s attendance summary for {SummaryReport.NameOf(month)} to {agency.SeniorContactEmail}",
                    cancellationToken: cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // Not sent: release the reservation so the next attempt tries again.
                logger.LogWarning("The attendance summary of agency {AgencyId} for {Month} was not sent ({Error}); tried again later",
                    agency.Id, SummaryReport.NameOf(month), failure.GetType().Name);
                db.AttendanceSummariesSent.Remove(record);
                await db.SaveChangesAsync(cancellationToken);
                failures.Add($"{agency.Name}: {failure.Message}");
            }
        }
        return new SummaryReport(month, sent, skipped, withoutContact, failures);
    }

    async Task<MimeMessage> MessageAsync(DapPanelDbContext db, Agency agency, DateOnly month, CancellationToken cancellationToken)
    {
        var monthName = SummaryReport.NameOf(month);
        var body = new StringBuilder();
        body.AppendLine($"Dear {agency.SeniorContactName},");
        body.AppendLine();
        body.AppendLine($"This is {agency.Name}'s attendance at the Domestic Abuse Perpetrator Panel in {monthName}.");
        body.AppendLine("Who is at the table, and who is missing, is key to the panel's success: thank you for championing attendance.");

        var panels = await db.PanelMemberships.AsNoTracking().Where(m => m.AgencyId == agency.Id)
            .Join(db.Panels, m => m.PanelId, p => p.Id, (m, p) => new { m.PanelId, p.Name }).OrderBy(p => p.Name)
            .ToListAsync(cancellationToken);
        foreach (var panel in panels)
        {
            var period = new InsightPeriod(panel.PanelId, month, month.AddMonths(1).AddDays(-1));
            var insight = await InsightQueries.AttendanceAsync(db, period, cancellationToken);
            var row = insight.Agencies.Single(a => a.AgencyId == agency.Id);
            body.AppendLine();
            body.AppendLine(panel.Name);
            if (insight.MeetingsHeld == 0) { body.AppendLine("  The panel did not meet this month."); continue; }
            var lines = await MeetingLinesAsync(db, period, agency.Id, cancellationToken);
            foreach (var line in lines) body.AppendLine("  " + line);
            body.AppendLine(row.Eligible == 0
                ? "  Attendance was not recorded this month."
                : $"  Attended {row.Attended} of {row.Eligible} meetings ({InsightTables.Percent(row.Rate)})"
                  + (row.Remote > 0 ? $", {row.Remote} remotely" : "") + (row.Late > 0 ? $", {row.Late} late" : "") + ".");
            if (row.CurrentMissRun >= 2)
                body.AppendLine($"  {agency.Name} has now missed {row.CurrentMissRun} meetings in a row.");
        }
        body.AppendLine();
        body.AppendLine("The figures are counts only; no case detail is included.");
        body.AppendLine($"Panel insight: {settings.AppBaseUrl.TrimEnd('/')}/insight");

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(agency.SeniorContactName, agency.SeniorContactEmail!));
        message.Subject = $"OFFICIAL: {agency.Name} panel attendance, {monthName}";
        message.Headers.Add("X-Protective-Marking", "OFFICIAL");
        message.Body = new TextPart("plain") { Text = body.ToString() };
        return message;
    }

    static async Task<IReadOnlyList<string>> MeetingLinesAsync(DapPanelDbContext db, InsightPeriod period, Guid agencyId,
        CancellationToken cancellationToken)
    {
        var from = PanelTime.At(period.From, TimeOnly.MinValue);
        var to = PanelTime.At(period.To.AddDays(1), TimeOnly.MinValue);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.PanelId == period.PanelId && m.StartsAt >= from && m.StartsAt < to
                && (m.Status == MeetingStatus.Live || m.Status == MeetingStatus.Closed))
            .OrderBy(m => m.StartsAt)
            .Select(m => new
            {
                m.Id, m.StartsAt, Recorded = m.Attendances.Any(),
                Lines = m.Attendances.Where(a => a.AgencyId == agencyId && !a.IsObserver)
                    .Select(a => new AttendanceLine(a.MeetingId, a.AgencyId, a.Status, a.JoinedAt)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return meetings.Select(m =>
        {
            var day = PanelTime.ToLocal(m.StartsAt).ToString("ddd d MMM", British);
            if (!m.Recorded) return $"{day}: attendance not recorded";
            var (outcome, late) = AttendanceCalculator.OutcomeOf(new HeldMeeting(m.Id, m.StartsAt), m.Lines);
            return $"{day}: {outcome.Label()}{(late ? ", arrived late" : "")}";
        }).ToList();
    }
}
