using DapPanel.Core.Domain;
using DapPanel.Core.ReviewUpdates;

namespace DapPanel.Core.Intake;

/// <summary>An accepted case on the intake list: what has been recorded for the evaluation, and what is missing.</summary>
public sealed record IntakeRow(Guid CaseId, string Reference, string PerpetratorName, DateOnly AcceptedOn, DateOnly? ClosedOn,
    string? CaseManagerName, bool IntakeRecorded, bool CharacteristicsRecorded);

public sealed record IntakeListView(bool CanWrite, IReadOnlyList<IntakeRow> Cases);

public sealed record PersonOption(Guid Id, string Name);

/// <summary>The intake form for one case, with what it was opened for (the case and its version).</summary>
public sealed record IntakeForm(Guid CaseId, string Reference, string PerpetratorName, DateOnly AcceptedOn, DateOnly PerpetratorDateOfBirth,
    bool CanWrite, IReadOnlyList<PersonOption> CaseManagers, IReadOnlyList<VictimOption> Victims, IntakeInput Input,
    string? WrittenBy, DateTimeOffset? WrittenAt);

public sealed class IntakeInput
{
    public Guid CaseId { get; set; }
    /// <summary>The case's version when the form opened: a save over someone else's change is refused.</summary>
    public Guid CaseVersion { get; set; }
    public Guid? CaseManagerPersonId { get; set; }
    public bool AcesRecorded { get; set; }
    public int? AdverseChildhoodExperiences { get; set; }
    public Sex PerpetratorSex { get; set; }
    public Ethnicity PerpetratorEthnicity { get; set; }
    public List<VictimCharacteristicsInput> Victims { get; set; } = [];
    /// <summary>Whether the intake assessment (needs and the Severity of Abuse Grid) is recorded with this save.</summary>
    public bool RecordAssessment { get; set; }
    public DateOnly? AssessedOn { get; set; }
    public NeedsRatings Needs { get; set; } = new();
    public List<SeverityInput> Severities { get; set; } = [];

    public const int MaxAces = 10;
    public const int MinimumVictimAge = 12;
    public const int MaximumAge = 110;

    public List<string> Problems(DateOnly today, DateOnly acceptedOn, IReadOnlyCollection<Guid> victimIds)
    {
        var problems = new List<string>();
        if (AcesRecorded && AdverseChildhoodExperiences is not (>= 0 and <= MaxAces))
            problems.Add($"Give the number of Adverse Childhood Experiences recorded, from 0 to {MaxAces}, or choose \"not recorded\".");
        if (!Enum.IsDefined(PerpetratorSex) || !Enum.IsDefined(PerpetratorEthnicity)
            || Victims.Any(v => !Enum.IsDefined(v.Sex) || !Enum.IsDefined(v.Ethnicity)))
            problems.Add("Choose sex and ethnicity from the lists.");
        if (Victims.Count != victimIds.Count || Victims.Any(v => !victimIds.Contains(v.VictimSurvivorId)))
            problems.Add("The victim-survivors of this case have changed: open the form again.");
        foreach (var (victim, index) in Victims.Select((v, i) => (v, i)))
            if (victim.DateOfBirth is { } dob && (dob > today || Ethnicities.AgeOn(dob, today) is not (>= MinimumVictimAge and <= MaximumAge)))
                problems.Add($"Victim-survivor {index + 1}'s date of birth gives an age outside {MinimumVictimAge} to {MaximumAge}: check it.");
        if (!RecordAssessment) return problems;
        if (AssessedOn is not { } on) problems.Add("Give the date of the intake assessment.");
        else if (on > today) problems.Add("The intake assessment cannot be dated in the future.");
        else if (on < acceptedOn.AddDays(-31))
            problems.Add($"The intake assessment is dated more than a month before the case was accepted ({acceptedOn:d MMM yyyy}).");
        if (Enum.GetValues<NeedArea>().Any(a => !Enum.IsDefined(Needs[a]))) problems.Add("Rate every area of need from the list.");
        var complete = victimIds.All(v => Enum.GetValues<AbuseType>().All(t => Severities.Count(s => s.VictimSurvivorId == v && s.AbuseType == t) == 1));
        if (!complete || Severities.Any(s => !victimIds.Contains(s.VictimSurvivorId) || !Enum.IsDefined(s.Severity) || !Enum.IsDefined(s.AbuseType)))
            problems.Add("Rate every abuse type for every victim-survivor (use Unknown where it is not known).");
        return problems;
    }
}

public sealed class VictimCharacteristicsInput
{
    public Guid VictimSurvivorId { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public Sex Sex { get; set; }
    public Ethnicity Ethnicity { get; set; }
}
