using DapPanel.Core.Agenda;
using DapPanel.Core.Domain;
using DapPanel.Core.Referrals;

namespace DapPanel.Core.ReviewUpdates;

public sealed record ReviewItemRow(Guid AgendaItemId, int Order, string CaseReference, string PerpetratorName,
    DateTimeOffset? WrittenAt);

public sealed record ReviewItemsView(MeetingHeading Meeting, bool CanWrite, IReadOnlyList<ReviewItemRow> Items);

public sealed record VictimOption(Guid Id, string FullName);

public sealed record ReviewUpdateForm(
    Guid AgendaItemId, Guid MeetingId, string CaseReference, string PerpetratorName, IReadOnlyList<VictimOption> Victims,
    IReadOnlyList<AgencyOption> Agencies, ReviewUpdateInput Input);

public sealed record InterventionView(InterventionKind Kind, string AgencyName);

public sealed record SeverityRow(string VictimName, IReadOnlyDictionary<AbuseType, AbuseSeverity> Severities);

/// <summary>The written update as the panel reads it; the live room shows the same record.</summary>
public sealed record ReviewUpdateView(
    string CaseReference, CaseWorkStatus WorkStatus, EngagementStatus Engagement, int BehaviourChangeSessions, string? Notes,
    IReadOnlyList<InterventionView> Interventions, IReadOnlyList<SeverityRow> Grid, string WrittenBy, DateTimeOffset WrittenAt);

public sealed class ReviewUpdateInput
{
    public Guid AgendaItemId { get; set; }
    public CaseWorkStatus? WorkStatus { get; set; }
    public EngagementStatus? Engagement { get; set; }
    public int BehaviourChangeSessions { get; set; }
    public string? Notes { get; set; }
    public List<InterventionInput> Interventions { get; set; } = [];
    public List<SeverityInput> Severities { get; set; } = [];
    public NeedsRatings Needs { get; set; } = new();

    public const int MaxInterventions = 50;

    public List<string> Problems(IReadOnlyCollection<Guid> victimIds)
    {
        var problems = new List<string>();
        if (WorkStatus is null) problems.Add("Choose the case status.");
        if (Engagement is null or EngagementStatus.NotYetKnown) problems.Add("Choose how the perpetrator is engaging.");
        if (BehaviourChangeSessions is < 0 or > ReviewUpdate.MaxSessions)
            problems.Add($"Behaviour-change sessions must be between 0 and {ReviewUpdate.MaxSessions}.");
        if (Notes?.Trim().Length > ReviewUpdate.MaxNotesLength)
            problems.Add($"Notes are at most {ReviewUpdate.MaxNotesLength} characters.");
        if (Interventions.Count > MaxInterventions) problems.Add($"At most {MaxInterventions} interventions on one update.");
        if (Interventions.Any(i => i.Kind is null || i.AgencyId is null || i.AgencyId == Guid.Empty))
            problems.Add("Each intervention needs its kind and the agency it was delivered with.");
        if (Enum.GetValues<NeedArea>().Any(a => !Enum.IsDefined(Needs[a]))) problems.Add("Rate every area of need from the list.");
        var complete = victimIds.All(v => Enum.GetValues<AbuseType>()
            .All(t => Severities.Count(s => s.VictimSurvivorId == v && s.AbuseType == t) == 1));
        if (!complete || Severities.Any(s => !victimIds.Contains(s.VictimSurvivorId)))
            problems.Add("Rate every abuse type for every victim-survivor (use Unknown where it is not known).");
        return problems;
    }
}

public sealed class InterventionInput
{
    public InterventionKind? Kind { get; set; }
    public Guid? AgencyId { get; set; }
}

public sealed class SeverityInput
{
    public Guid VictimSurvivorId { get; set; }
    public AbuseType AbuseType { get; set; }
    public AbuseSeverity Severity { get; set; } = AbuseSeverity.Unknown;
}
