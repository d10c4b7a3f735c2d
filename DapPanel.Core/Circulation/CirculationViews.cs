using DapPanel.Core.Agenda;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;

namespace DapPanel.Core.Circulation;

public sealed record NotificationView(
    Guid Id, NotificationKind Kind, string AgencyName, string RecipientName, string RecipientEmail, NotificationStatus Status,
    string? Error, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

public sealed record AgendaChangeView(string CaseReference, AgendaChangeKind Kind, string? Detail, DateTimeOffset ChangedAt,
    DateTimeOffset? NotifiedAt);

public sealed record CirculationView(
    MeetingHeading Meeting, int ItemCount, int NoticePeriodDays, DateTimeOffset? CirculatedAt, string? NoticeWarning,
    int RecipientCount, IReadOnlyList<NotificationView> Notifications, IReadOnlyList<AgendaChangeView> Changes)
{
    public int FailedCount => Notifications.Count(n => n.Status != NotificationStatus.Sent);
    public IEnumerable<AgendaChangeView> PendingChanges => Changes.Where(c => c.NotifiedAt is null);
}

public sealed record SendReport(int Sent, int Failed, string? NoticeWarning = null);

/// <summary>
/// One case on the circulated list: what agencies need to search their records; victim-survivors and children
/// as the viewer may see them (NeedToKnow), never victim contact details.
/// </summary>
public sealed record CaseListEntry(
    int Order, Guid CaseId, string Reference, string PerpetratorName, DateOnly PerpetratorDateOfBirth,
    IReadOnlyList<string> Aliases, AgendaItemKind Kind, RiskLevel RiskLevel, VictimInformation Victims, string? Focus);

public sealed record CaseListView(
    MeetingHeading Meeting, DateTimeOffset? CirculatedAt, DateOnly ResearchDeadline, IReadOnlyList<CaseListEntry> Cases,
    IReadOnlyList<AgendaChangeView> Addendum, SharingBasis Basis);
