using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace DapPanel.Core.Circulation;

/// <summary>Queues and sends notifications; a failed send is kept with its reason for a retry.</summary>
public sealed class NotificationOutbox(IEmailSender sender, EmailSettings settings, TimeProvider clock, ILogger<NotificationOutbox> logger)
{
    public string Link(string path) => settings.AppBaseUrl.TrimEnd('/') + path;

    /// <summary>One notification per person with an email address in each of the given agencies.</summary>
    public async Task<List<Notification>> QueueAsync(DapPanelDbContext db, Meeting meeting, NotificationKind kind,
        IReadOnlyCollection<Guid> agencyIds, string subject, string body, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Where(p => agencyIds.Contains(p.AgencyId) && p.Email != null)
            .OrderBy(p => p.FullName).ToListAsync(cancellationToken);
        var queued = people.Select(p => new Notification
        {
            MeetingId = meeting.Id, Kind = kind, AgencyId = p.AgencyId, RecipientName = p.FullName,
            RecipientEmail = p.Email!, Subject = subject, Body = body, WithCalendarInvitation = kind == NotificationKind.Circulation,
            CreatedAt = clock.GetUtcNow(),
        }).ToList();
        db.Notifications.AddRange(queued);
        return queued;
    }

    /// <summary>Sends each one, saving its outcome as it goes so nothing is lost if the process stops.</summary>
    public async Task<SendReport> SendAsync(DapPanelDbContext db, Meeting meeting, string panelName,
        IEnumerable<Notification> notifications, CancellationToken cancellationToken)
    {
        int sent = 0, failed = 0;
        foreach (var n in notifications)
        {
            n.Attempts++;
            try
            {
                await sender.SendAsync(Message(n, meeting, panelName), cancellationToken);
                n.Status = NotificationStatus.Sent;
                n.SentAt = clock.GetUtcNow();
                n.Error = null;
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The reason is kept on the notification for the administrator; the log names ids only (a mail
                // server's message can carry the address).
                logger.LogWarning("Notification {NotificationId} of meeting {MeetingId} was not sent ({Error}); kept for a retry",
                    n.Id, meeting.Id, e.GetType().Name);
                n.Status = NotificationStatus.Failed;
                n.Error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                failed++;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return new SendReport(sent, failed);
    }

    MimeMessage Message(Notification n, Meeting meeting, string panelName)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(new MailboxAddress(n.RecipientName, n.RecipientEmail));
        message.Subject = n.Subject;
        message.Headers.Add("X-Protective-Marking", "OFFICIAL-SENSITIVE");
        var body = new BodyBuilder { TextBody = n.Body };
        if (n.WithCalendarInvitation)
        {
            var ics = CalendarInvitation.For(meeting, panelName, settings.FromAddress, n.RecipientName, n.RecipientEmail,
                Link($"/meetings/{meeting.Id}/case-list"));
            var type = new ContentType("text", "calendar");
            type.Parameters.Add("method", "REQUEST");
            body.Attachments.Add("invitation.ics", System.Text.Encoding.UTF8.GetBytes(ics), type);
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
