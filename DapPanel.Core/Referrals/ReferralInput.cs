using DapPanel.Core.Domain;

namespace DapPanel.Core.Referrals;

/// <summary>What the referral form holds; pages bind to it and the service validates it.</summary>
public sealed class ReferralInput
{
    /// <summary>The panel the case is referred to: it holds the case from now on.</summary>
    public Guid? PanelId { get; set; }
    public ReferralSource? Source { get; set; }
    public string? ReferrerName { get; set; }
    public Guid? ReferrerAgencyId { get; set; }
    public DateOnly? ReferredOn { get; set; }
    public string? PerpetratorName { get; set; }
    public DateOnly? PerpetratorDateOfBirth { get; set; }
    /// <summary>Other names the perpetrator is known by, one per line or separated by commas.</summary>
    public string? Aliases { get; set; }
    public List<VictimInput> VictimSurvivors { get; set; } = [new()];
    public int ChildrenCount { get; set; }
    public RiskLevel? RiskLevel { get; set; }
    public string? Summary { get; set; }
    public string? OffendingHistory { get; set; }

    public const int MaxNameLength = 200;
    public const int MaxTextLength = 8000;
    public const int MaxChildren = 20;
    public const int MaxVictims = 10;
    public const int MinimumAge = 14;
    public const int MaximumAge = 100;

    public IReadOnlyList<string> AliasList =>
        (Aliases ?? "").Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public List<string> Problems(DateOnly today)
    {
        var problems = new List<string>();
        if (PanelId is null || PanelId == Guid.Empty) problems.Add("Choose the panel the case is referred to.");
        if (Source is null) problems.Add("Choose where the referral came from.");
        Require(problems, ReferrerName, "the referrer's name", MaxNameLength);
        if (ReferrerAgencyId is null || ReferrerAgencyId == Guid.Empty) problems.Add("Choose the referrer's agency.");
        if (ReferredOn is null) problems.Add("Give the date of the referral.");
        else if (ReferredOn > today) problems.Add("The referral date cannot be in the future.");
        Require(problems, PerpetratorName, "the perpetrator's full name", MaxNameLength);
        if (PerpetratorDateOfBirth is not { } dob) problems.Add("Give the perpetrator's date of birth.");
        else if (dob > today) problems.Add("The perpetrator's date of birth cannot be in the future.");
        else if (dob > today.AddYears(-MinimumAge) || dob < today.AddYears(-MaximumAge))
            problems.Add($"The perpetrator's date of birth gives an age outside {MinimumAge} to {MaximumAge}: check it.");
        if (Aliases?.Length > MaxTextLength) problems.Add($"The aliases are at most {MaxTextLength} characters in all.");
        else if (AliasList.Any(a => a.Length > MaxNameLength)) problems.Add($"An alias is at most {MaxNameLength} characters.");
        var victims = VictimSurvivors.Where(v => !v.IsBlank).ToList();
        if (victims.Count == 0) problems.Add("Name at least one victim-survivor.");
        if (victims.Count > MaxVictims) problems.Add($"At most {MaxVictims} victim-survivors on one referral.");
        foreach (var v in victims) v.AddProblems(problems);
        if (ChildrenCount is < 0 or > MaxChildren)
            problems.Add($"The number of children and young people must be between 0 and {MaxChildren}.");
        if (RiskLevel is null) problems.Add("Choose the risk level.");
        Require(problems, Summary, "a summary of concerns", MaxTextLength);
        if (OffendingHistory?.Length > MaxTextLength) problems.Add($"The offending history is at most {MaxTextLength} characters.");
        return problems;
    }

    static void Require(List<string> problems, string? value, string what, int max)
    {
        if (PlainText.IsBlank(value)) problems.Add($"Give {what}.");
        else if (value.Trim().Length > max) problems.Add($"{char.ToUpperInvariant(what[0])}{what[1..]} is at most {max} characters.");
    }
}

public sealed class VictimInput
{
    public string? FullName { get; set; }
    public string? Address { get; set; }
    public string? Contact { get; set; }

    public bool IsBlank => PlainText.IsBlank(FullName) && PlainText.IsBlank(Address)
        && PlainText.IsBlank(Contact);

    internal void AddProblems(List<string> problems)
    {
        if (PlainText.IsBlank(FullName)) problems.Add("Each victim-survivor needs a name.");
        else if (FullName.Trim().Length > ReferralInput.MaxNameLength)
            problems.Add($"A victim-survivor's name is at most {ReferralInput.MaxNameLength} characters.");
        if (Address?.Trim().Length > 500) problems.Add("A victim-survivor's address is at most 500 characters.");
        if (Contact?.Trim().Length > 200) problems.Add("A victim-survivor's contact details are at most 200 characters.");
    }
}
