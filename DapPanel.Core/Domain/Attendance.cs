namespace DapPanel.Core.Domain;

/// <summary>
/// One representative's attendance at a meeting, or an agency's when nobody is named (apologies sent
/// before the meeting, or the chair marking an agency in the room).
/// </summary>
public class Attendance : Entity
{
    public Guid MeetingId { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public Guid? PersonId { get; set; }
    public Person? Person { get; set; }
    public AttendanceStatus Status { get; set; }
    public bool IsObserver { get; set; }
    public DateTimeOffset? JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
    /// <summary>What the agency sent in advance with its apologies, or the chair's note.</summary>
    public string? Note { get; set; }
    /// <summary>
    /// The apologies this person sent before the meeting, kept when they join after all: the record and the minutes
    /// say both that they came and that they had sent apologies (with the note).
    /// </summary>
    public AttendanceStatus? ApologiesSent { get; set; }
    /// <summary>A chair has confirmed or corrected this line.</summary>
    public bool IsConfirmed { get; set; }

    public const int MaxNoteLength = 1000;
    /// <summary>
    /// The person has joined the live meeting: present remotely unless a chair marked them otherwise; apologies they
    /// sent are kept beside it, never silently overwritten.
    /// </summary>
    public void Arrived(DateTimeOffset at)
    {
        if (Status is AttendanceStatus.Apologies or AttendanceStatus.ApologiesWithInformation)
        {
            ApologiesSent = Status;
            Status = AttendanceStatus.PresentRemote;
        }
        else if (!Status.IsPresent()) Status = AttendanceStatus.PresentRemote;
        LeftAt = null;
        JoinedAt ??= at;
    }

    /// <summary>Joining more than this long after the start counts as a late arrival.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(10);
}

/// <summary>An attendee's acknowledgement of the panel's confidentiality statement for one meeting.</summary>
public class ConfidentialityAcknowledgement
{
    public long Id { get; set; }
    public Guid MeetingId { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset AcknowledgedAt { get; set; }
    /// <summary>The statement as it was worded when acknowledged.</summary>
    public required string Statement { get; set; }
}

/// <summary>A monthly attendance summary sent to an agency's senior contact; never sent twice.</summary>
public class AttendanceSummarySent
{
    public long Id { get; set; }
    public Guid AgencyId { get; set; }
    /// <summary>The first day of the month summarised.</summary>
    public DateOnly Month { get; set; }
    public required string RecipientEmail { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
