using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;

namespace DapPanel.Core.Attendance;

/// <summary>One line of a meeting's attendance: a named representative, or the agency when nobody is named.</summary>
/// <param name="ApologiesSent">Apologies the person sent before joining after all (the note is kept with them).</param>
public sealed record AttendeeLine(Guid Id, Guid? PersonId, string? PersonName, AttendanceStatus Status, bool IsObserver,
    DateTimeOffset? JoinedAt, DateTimeOffset? LeftAt, bool IsLate, bool HasAcknowledged, string? Note, bool IsConfirmed,
    AttendanceStatus? ApologiesSent = null);

/// <summary>An agency at one meeting: its lines and, from them, how the agency was represented.</summary>
public sealed record AgencyAttendance(Guid AgencyId, string AgencyName, bool IsCore, AttendanceStatus? Status,
    IReadOnlyList<AttendeeLine> Lines, IReadOnlyList<PersonOption> People)
{
    public bool IsAtTable => Status?.IsPresent() == true;
}

public sealed record MeetingAttendanceView(Guid MeetingId, MeetingStatus MeetingStatus, int Quorum, int CoreAgencies,
    int CoreAtTable, IReadOnlyList<AgencyAttendance> Agencies)
{
    public bool QuorumMet => CoreAtTable >= Quorum;
    public IReadOnlyList<AgencyAttendance> MissingCore => Agencies.Where(a => a.IsCore && !a.IsAtTable).ToList();
}

/// <summary>An upcoming meeting an agency member can send apologies for, and what their agency has sent so far.</summary>
public sealed record ApologyMeeting(Guid MeetingId, string PanelName, DateTimeOffset StartsAt, AttendanceStatus? MyStatus,
    string? MyNote);

public sealed record ConfidentialityView(Guid MeetingId, string PanelName, DateTimeOffset StartsAt, string Statement,
    DateTimeOffset? AcknowledgedAt);

/// <summary>How an agency's lines add up: the best representation wins (in the room, remote, deputy, apologies, absent).</summary>
public static class AttendanceRules
{
    public static int Rank(AttendanceStatus status) => status switch
    {
        AttendanceStatus.PresentInRoom => 0,
        AttendanceStatus.PresentRemote => 1,
        AttendanceStatus.DeputySent => 2,
        AttendanceStatus.ApologiesWithInformation => 3,
        AttendanceStatus.Apologies => 4,
        _ => 5,
    };

    public static AttendanceStatus? AgencyStatus(IEnumerable<AttendanceStatus> statuses)
    {
        AttendanceStatus? best = null;
        foreach (var status in statuses)
            if (best is null || Rank(status) < Rank(best.Value)) best = status;
        return best;
    }

    public static bool IsLate(DateTimeOffset? joinedAt, DateTimeOffset startsAt) =>
        joinedAt is { } joined && joined - startsAt > Domain.Attendance.LateAfter;

    public static bool IsApologies(this AttendanceStatus status) =>
        status is AttendanceStatus.Apologies or AttendanceStatus.ApologiesWithInformation;
}

/// <summary>Case detail is shown only after the person has acknowledged the statement for this meeting.</summary>
public sealed class ConfidentialityNotAcknowledgedException()
    : AccessDeniedException("Read and acknowledge the panel's confidentiality statement for this meeting before you see its cases.");
