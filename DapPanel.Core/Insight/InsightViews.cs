using DapPanel.Core.Domain;

namespace DapPanel.Core.Insight;

/// <summary>A panel and an inclusive range of local dates.</summary>
public sealed record InsightPeriod(Guid PanelId, DateOnly From, DateOnly To)
{
    public const int MaxYears = 10;

    public void Validate()
    {
        if (PanelId == Guid.Empty) throw new DomainRuleException("Choose a panel.");
        if (To < From) throw new DomainRuleException("The period ends before it starts: check the dates.");
        if (To > From.AddYears(MaxYears)) throw new DomainRuleException($"Choose a period of at most {MaxYears} years.");
    }
}

public sealed record PanelOption(Guid Id, string Name);

/// <summary>One agency's attendance over the period. Rates count only recorded meetings after it joined.</summary>
public sealed record AgencyAttendanceRow(Guid AgencyId, string AgencyName, bool IsCore, DateOnly JoinedOn, int Eligible,
    int Attended, int InRoom, int Remote, int Deputy, int Apologies, int ApologiesWithInformation, int Unexplained, int Late,
    int LongestMissRun, int CurrentMissRun)
{
    public double? Rate => Eligible == 0 ? null : (double)Attended / Eligible;
    /// <summary>A core agency, expected at every meeting, missed two or more in a row at some point in the period.</summary>
    public bool MissedInARow => IsCore && LongestMissRun >= 2;
}

public sealed record MonthAttendance(DateOnly Month, int Meetings, int NotRecorded, int Eligible, int Attended, int InRoom,
    int Remote, int Deputy, int Apologies, int Unexplained)
{
    public double? Rate => Eligible == 0 ? null : (double)Attended / Eligible;
}

public sealed record AttendanceInsight(int MeetingsHeld, IReadOnlyList<DateOnly> NotRecorded,
    IReadOnlyList<AgencyAttendanceRow> Agencies, IReadOnlyList<MonthAttendance> Months);

public sealed record CountRow(string Label, int Count);

public sealed record LeverAreaRow(string Family, string Area, int Count);

public sealed record InterventionAgencyRow(string AgencyName, int Support, int Disrupt, int Combined)
{
    public int Total => Support + Disrupt + Combined;
}

public sealed record ActionAgencyRow(string AgencyName, int Agreed, int Done, int NotDoneCircumstancesChanged, int DidNotAct,
    int Open)
{
    public int Settled => Done + NotDoneCircumstancesChanged + DidNotAct;
    /// <summary>Done as a share of actions no longer open.</summary>
    public double? CompletionRate => Settled == 0 ? null : (double)Done / Settled;
}

/// <summary>What the panel got through in the period: counts only, never a case or a name.</summary>
public sealed record ThroughputInsight(int CasesHeard, int ItemsHeard, int NewReferrals, int Reviews, int ClosureProposals,
    IReadOnlyList<CountRow> Outcomes, IReadOnlyList<CountRow> LeversByFamily, IReadOnlyList<LeverAreaRow> LeversByArea,
    IReadOnlyList<CountRow> LeversByAgency, IReadOnlyList<CountRow> InterventionsByKind,
    IReadOnlyList<InterventionAgencyRow> InterventionsByAgency, IReadOnlyList<ActionAgencyRow> ActionsByAgency,
    int CasesClosed, double? AverageDaysToClosure, IReadOnlyList<CountRow> ClosureReasons);

/// <summary>A table as exported: headings and rows of text.</summary>
public sealed record InsightTable(string Key, string Title, IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<string>> Rows);

public sealed record InsightExport(string FileName, string Csv);
