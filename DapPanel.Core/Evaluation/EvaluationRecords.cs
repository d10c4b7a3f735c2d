using DapPanel.Core.Domain;

namespace DapPanel.Core.Evaluation;

/// <summary>
/// What the evaluation is worked out from: one panel's cases open in the period with what the figures read of them
/// (the reader leaves out interventions of updates before the period, grids of cases not closed in it and research
/// answers of cases not accepted in it, which no figure uses).
/// </summary>
public sealed record EvaluationRecords(
    IReadOnlyList<EvaluationCase> Cases, IReadOnlyDictionary<Guid, string> AgencyNames,
    IReadOnlyDictionary<Guid, string> CaseManagerNames, IReadOnlyDictionary<EthnicGroup, decimal> AreaProfile);

public sealed record EvaluationCase(
    Guid Id, DateOnly? AcceptedOn, DateOnly? ClosedOn, ClosureReason? ClosureReason, int ChildrenCount,
    DateOnly PerpetratorDateOfBirth, Sex PerpetratorSex, Ethnicity PerpetratorEthnicity, Guid? CaseManagerPersonId,
    int? AdverseChildhoodExperiences, IReadOnlyList<EvaluationVictim> Victims, EvaluationIntake? Intake,
    IReadOnlyList<EvaluationUpdate> Updates, IReadOnlyList<EvaluationResearch> Research)
{
    public bool IsClosed => ClosedOn is not null;
}

public sealed record EvaluationVictim(Guid Id, DateOnly? DateOfBirth, Sex Sex, Ethnicity Ethnicity);

/// <summary>The intake record: needs and the Severity of Abuse Grid when the case was accepted.</summary>
public sealed record EvaluationIntake(DateOnly AssessedOn, NeedsRatings Needs, IReadOnlyList<EvaluationSeverity> Severities);

/// <summary>A review update, dated by the meeting it was written for.</summary>
public sealed record EvaluationUpdate(
    DateOnly On, CaseWorkStatus WorkStatus, EngagementStatus Engagement, int BehaviourChangeSessions, NeedsRatings? Needs,
    IReadOnlyList<EvaluationIntervention> Interventions, IReadOnlyList<EvaluationSeverity> Severities);

public sealed record EvaluationIntervention(InterventionKind Kind, Guid AgencyId);

public sealed record EvaluationSeverity(Guid VictimSurvivorId, AbuseType AbuseType, AbuseSeverity Severity);

/// <summary>An agency's answer to "do you know this person?", dated by the meeting whose list asked it.</summary>
public sealed record EvaluationResearch(DateOnly On, Guid AgencyId, ResearchAnswer Answer);
