using DapPanel.Core.Domain;

namespace DapPanel.Core.Meetings;

/// <param name="Minutes">Where the meeting's latest minutes stand; null until they are started.</param>
public sealed record MeetingSummary(
    Guid Id, string PanelName, DateTimeOffset StartsAt, int PlannedMinutes, string? Location, string? OnlineLink,
    MeetingStatus Status, int NewReferralCount, int ReviewCount, int ClosureCount, MinutesStatus? Minutes = null)
{
    public int ItemCount => NewReferralCount + ReviewCount + ClosureCount;
}

public sealed record AgendaItemView(
    Guid Id, int Order, Guid CaseId, string CaseReference, string? PerpetratorName, AgendaItemKind Kind,
    RiskLevel RiskLevel, int PlannedMinutes, string? Focus, bool IsDeferred, DecisionOutcome? Outcome);

public sealed record AttendanceView(string AgencyName, string? PersonName, AttendanceStatus Status, bool IsObserver);

/// <param name="SharesCases">The viewer sees the meeting's cases (names, focus, decisions, actions coming back).</param>
/// <param name="CasesWithheld">Why the agenda is not shown, when it is not.</param>
/// <param name="WritesReviewUpdates">The viewer's agency is the case-management provider, who writes review updates.</param>
public sealed record MeetingDetail(
    MeetingSummary Meeting, IReadOnlyList<AgendaItemView> Agenda, IReadOnlyList<AttendanceView> Attendance,
    IReadOnlyList<string> Chairs, bool SharesCases, string? CasesWithheld, bool WritesReviewUpdates = false)
{
    public int PlannedAgendaMinutes => Agenda.Sum(i => i.PlannedMinutes);
}
