using DapPanel.Core.Cases;
using DapPanel.Core.Domain;

namespace DapPanel.Core.Referrals;

public sealed record AgencyOption(Guid Id, string Name, AgencyKind Kind);

/// <summary>An earlier case the new referral matches, with what the panel decided about it.</summary>
public sealed record LinkedCaseView(
    Guid CaseId, string Reference, string PerpetratorName, CaseStatus Status, string Reason, bool IsDuplicate,
    DateOnly? LastHeardOn, IReadOnlyList<DecisionHistoryView> Decisions);

public sealed record ReferralSaved(Guid CaseId, string Reference, bool IsRepeat, IReadOnlyList<string> LinkedReferences);
