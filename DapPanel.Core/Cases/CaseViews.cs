using DapPanel.Core.Domain;

namespace DapPanel.Core.Cases;

public sealed record CaseSummary(
    Guid Id, string Reference, string PerpetratorName, CaseStatus Status, RiskLevel RiskLevel,
    ReferralSource ReferralSource, DateOnly ReferredOn, DateOnly? AcceptedOn, DateOnly? ReviewDueOn,
    bool IsSerialPerpetrator, int VictimCount, int ChildrenCount, bool NeedsExtensionReason);

public sealed record VictimView(string FullName, string? Address, string? Contact);

public sealed record LeverView(Guid Id, string AgencyName, LeverFamily Family, LeverArea Area, string Description,
    bool IsWithdrawn, DateTimeOffset OfferedAt);

public sealed record DecisionHistoryView(Guid MeetingId, DateTimeOffset MeetingStartsAt, AgendaItemKind Kind,
    DecisionOutcome Outcome, string Rationale, ClosureReason? ClosureReason);

public sealed record ActionView(Guid Id, string Description, string OwnerAgencyName, string? OwnerPersonName,
    DateOnly DueOn, ActionStatus Status, bool IsOverdue);

public sealed record CaseDetail(
    CaseSummary Summary, DateOnly PerpetratorDateOfBirth, IReadOnlyList<string> Aliases, string? Concerns,
    string? OffendingHistory, EngagementStatus Engagement, DateOnly? ClosedOn, ClosureReason? ClosureReason,
    string? ExtensionReason, DateOnly? EarliestClosureOn, IReadOnlyList<VictimView> VictimSurvivors,
    IReadOnlyList<LeverView> Levers, IReadOnlyList<DecisionHistoryView> Decisions, IReadOnlyList<ActionView> Actions);
