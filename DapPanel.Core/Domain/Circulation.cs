namespace DapPanel.Core.Domain;

/// <summary>A change to an agenda after it was circulated; listed as an addendum until notified.</summary>
public class AgendaChange : Entity
{
    public Guid MeetingId { get; set; }
    public Guid CaseId { get; set; }
    public required string CaseReference { get; set; }
    public AgendaChangeKind Kind { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }
}

/// <summary>One email to one person; kept so failed sends can be listed and retried.</summary>
public class Notification : Entity
{
    public Guid MeetingId { get; set; }
    public NotificationKind Kind { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public required string RecipientName { get; set; }
    public required string RecipientEmail { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public bool WithCalendarInvitation { get; set; }
    public NotificationStatus Status { get; set; } = NotificationStatus.Pending;
    public string? Error { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>An agency's answer, for one case on one meeting's list, to "do you know this person?".</summary>
public class AgencyResearch : Entity
{
    public Guid MeetingId { get; set; }
    public Guid CaseId { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public ResearchAnswer Answer { get; set; }
    public string? Notes { get; set; }
    public string? ContactName { get; set; }
    public string? ContactDetails { get; set; }
    public Guid AnsweredByPersonId { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }

    public const int MaxNotesLength = 4000;
}

public static class ResearchDeadline
{
    public const int WorkingDaysBefore = 2;

    /// <summary>The last day for agency research: two working days (Monday to Friday) before the meeting.</summary>
    public static DateOnly For(DateOnly meetingDate)
    {
        var day = meetingDate;
        for (var left = WorkingDaysBefore; left > 0;)
        {
            day = day.AddDays(-1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) left--;
        }
        return day;
    }

    /// <summary>
    /// The last day for a meeting's research: two working days before it, unless the case list went out on or after
    /// that day; then the day before the meeting (the day itself if it went out later still), so no agency is asked
    /// for research by a day already gone.
    /// </summary>
    public static DateOnly For(DateOnly meetingDate, DateOnly? circulatedOn)
    {
        var usual = For(meetingDate);
        if (circulatedOn is not { } sent || sent < usual) return usual;
        var dayBefore = meetingDate.AddDays(-1);
        return sent < dayBefore ? dayBefore : meetingDate;
    }

    public static DateOnly Of(Meeting meeting) => Of(meeting.StartsAt, meeting.CirculatedAt);

    public static DateOnly Of(DateTimeOffset startsAt, DateTimeOffset? circulatedAt) =>
        For(PanelTime.LocalDate(startsAt), circulatedAt is { } sent ? PanelTime.LocalDate(sent) : null);
}
