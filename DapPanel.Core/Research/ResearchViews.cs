using DapPanel.Core.Agenda;
using DapPanel.Core.Circulation;
using DapPanel.Core.Domain;

namespace DapPanel.Core.Research;

public sealed record OfferedLever(LeverFamily Family, LeverArea Area, string Description);

public sealed record ResearchAnswerView(
    ResearchAnswer Answer, string? Notes, string? ContactName, string? ContactDetails, DateTimeOffset AnsweredAt);

public sealed record ResearchCaseView(CaseListEntry Case, ResearchAnswerView? Answer, IReadOnlyList<OfferedLever> Levers);

/// <summary>One agency's research list: only its own answers and notes.</summary>
public sealed record AgencyResearchView(
    MeetingHeading Meeting, Guid AgencyId, string AgencyName, DateOnly Deadline, IReadOnlyList<ResearchCaseView> Cases)
{
    public int Answered => Cases.Count(c => c.Answer is { Answer: not ResearchAnswer.StillResearching });
}

public sealed record ReadinessAgency(Guid Id, string Name, int Answered, DateTimeOffset? LastReminder);

public sealed record ReadinessCell(Guid AgencyId, ResearchAnswer? Answer, string? Notes, string? ContactName);

public sealed record ReadinessRow(int Order, string CaseReference, AgendaItemKind Kind, IReadOnlyList<ReadinessCell> Cells);

public sealed record ReadinessView(
    MeetingHeading Meeting, DateOnly Deadline, bool IsPastDeadline, IReadOnlyList<ReadinessAgency> Agencies,
    IReadOnlyList<ReadinessRow> Rows)
{
    public int CaseCount => Rows.Count;
    public IEnumerable<ReadinessAgency> NotFinished => Agencies.Where(a => a.Answered < CaseCount);
}

/// <summary>An agency's answer on one case, with any levers it offers.</summary>
public sealed class ResearchAnswerInput
{
    public Guid MeetingId { get; set; }
    public Guid CaseId { get; set; }
    public Guid AgencyId { get; set; }
    public ResearchAnswer? Answer { get; set; }
    public string? Notes { get; set; }
    public string? ContactName { get; set; }
    public string? ContactDetails { get; set; }
    public List<LeverOffer> Levers { get; set; } = [];

    public List<string> Problems()
    {
        var problems = new List<string>();
        if (Answer is null) problems.Add("Say whether the person is known to your agency.");
        if (Notes?.Trim().Length > AgencyResearch.MaxNotesLength)
            problems.Add($"Notes are at most {AgencyResearch.MaxNotesLength} characters.");
        if (Answer == ResearchAnswer.KnownToUs && PlainText.IsBlank(ContactName))
            problems.Add("Give a contact at your agency for a case known to you.");
        if (ContactName?.Trim().Length > 200) problems.Add("The contact's name is at most 200 characters.");
        if (ContactDetails?.Trim().Length > 300) problems.Add("The contact details are at most 300 characters.");
        foreach (var lever in Levers)
        {
            if (lever.Family is null || lever.Area is null) problems.Add("Each lever needs a family and an area.");
            else if (!LeverAreas.Belongs(lever.Area.Value, lever.Family.Value))
                problems.Add($"\"{lever.Area.Value.Label()}\" is not one of the {lever.Family.Value.Label().ToLowerInvariant()} levers.");
            if (PlainText.IsBlank(lever.Description)) problems.Add("Say what each lever is.");
            else if (lever.Description.Trim().Length > 1000) problems.Add("A lever's description is at most 1000 characters.");
        }
        return problems;
    }
}

public sealed class LeverOffer
{
    public LeverFamily? Family { get; set; }
    public LeverArea? Area { get; set; }
    public string? Description { get; set; }
}
