using DapPanel.Core.Domain;

namespace DapPanel.Core.Meetings;

public sealed record MeetingSummary(
    Guid Id, string PanelName, DateTimeOffset StartsAt, int PlannedMinutes, string? Location, string? OnlineLink,
    MeetingStatus Status, int NewReferralCount, int ReviewCount, int ClosureCount)
{
    public int ItemCount => NewReferralCount + ReviewCount + ClosureCount;
}

public sealed record AgendaItemView(
    Guid Id, int Order, Guid CaseId, string CaseReference, string? PerpetratorName, AgendaItemKind Kind,
    RiskLevel RiskLevel, int PlannedMinutes, string? Focus, bool IsDeferred, DecisionOutcome? Outcome);

public sealed record AttendanceView(string AgencyName, string? PersonName, AttendanceStatus Status, bool IsObserver);

/// <param name="SharesCases">The viewer sees the meeting's cases (names, focus, decisions, actions coming back).</param>
/// <param name="CasesWithheld">Why the agenda is not shown, when it is not.</param>
public sealed record MeetingDetail(
    MeetingSummary Meeting, IReadOnlyList<AgendaItemView> Agenda, IReadOnlyList<AttendanceView> Attendance,
    IReadOnlyList<string> Chairs, bool SharesCases, string? CasesWithheld)
{
    public int PlannedAgendaMinutes => Agenda.Sum(i => i.PlannedMinutes);
}
