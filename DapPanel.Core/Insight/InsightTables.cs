using System.Globalization;

namespace DapPanel.Core.Insight;

/// <summary>Every insight table as headings and text rows: what the page shows beside its charts and what CSV exports.</summary>
public static class InsightTables
{
    public const string Attendance = "attendance", AttendanceByMonth = "attendance-by-month", Cases = "cases",
        Outcomes = "outcomes", LeversByFamily = "levers-by-family", LeversByArea = "levers-by-area",
        LeversByAgency = "levers-by-agency", InterventionsByType = "interventions-by-type",
        InterventionsByAgency = "interventions-by-agency", ActionsByAgency = "actions-by-agency", Closures = "closures",
        ClosureReasons = "closure-reasons";

    public static readonly IReadOnlyList<string> Keys =
    [
        Attendance, AttendanceByMonth, Cases, Outcomes, LeversByFamily, LeversByArea, LeversByAgency, InterventionsByType,
        InterventionsByAgency, ActionsByAgency, Closures, ClosureReasons,
    ];

    static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static bool IsAttendance(string key) => key is Attendance or AttendanceByMonth;

    public static string Percent(double? rate) => rate is { } r ? r.ToString("P0", British).Replace(" ", "") : "—";

    public static IReadOnlyList<InsightTable> For(AttendanceInsight a) =>
    [
        new(Attendance, "Attendance by agency",
            ["Agency", "Core", "Member since", "Meetings expected", "Attended", "Rate", "In the room", "Remote", "Deputy sent",
             "Apologies", "Apologies, information sent", "Absent, no apologies", "Late arrivals", "Most missed in a row"],
            a.Agencies.Select(r => Row(r.AgencyName, r.IsCore ? "Yes" : "No", r.JoinedOn.ToString("yyyy-MM-dd"), N(r.Eligible),
                N(r.Attended), Percent(r.Rate), N(r.InRoom), N(r.Remote), N(r.Deputy), N(r.Apologies),
                N(r.ApologiesWithInformation), N(r.Unexplained), N(r.Late), N(r.LongestMissRun))).ToList()),
        new(AttendanceByMonth, "Attendance by month",
            ["Month", "Meetings", "Not recorded", "Places expected", "Attended", "Rate", "In the room", "Remote", "Deputy sent",
             "Apologies", "Absent, no apologies"],
            a.Months.Select(m => Row(m.Month.ToString("MMM yyyy", British), N(m.Meetings), N(m.NotRecorded), N(m.Eligible),
                N(m.Attended), Percent(m.Rate), N(m.InRoom), N(m.Remote), N(m.Deputy), N(m.Apologies), N(m.Unexplained))).ToList()),
    ];

    public static IReadOnlyList<InsightTable> For(ThroughputInsight t) =>
    [
        new(Cases, "Cases heard", ["Measure", "Count"],
        [
            Row("Cases heard", N(t.CasesHeard)), Row("Agenda items heard", N(t.ItemsHeard)), Row("New referrals", N(t.NewReferrals)),
            Row("Reviews", N(t.Reviews)), Row("Closure proposals", N(t.ClosureProposals)),
        ]),
        Counts(Outcomes, "Outcomes", "Outcome", t.Outcomes),
        Counts(LeversByFamily, "Levers by family", "Family", t.LeversByFamily),
        new(LeversByArea, "Levers by area", ["Family", "Area", "Levers"],
            t.LeversByArea.Select(r => Row(r.Family, r.Area, N(r.Count))).ToList()),
        Counts(LeversByAgency, "Levers by agency", "Agency", t.LeversByAgency),
        Counts(InterventionsByType, "Interventions by type", "Type", t.InterventionsByKind),
        new(InterventionsByAgency, "Interventions by agency", ["Agency", "Support", "Disrupt", "Combined", "Total"],
            t.InterventionsByAgency.Select(r => Row(r.AgencyName, N(r.Support), N(r.Disrupt), N(r.Combined), N(r.Total))).ToList()),
        new(ActionsByAgency, "Actions by agency",
            ["Agency", "Agreed", "Done", "Not done, circumstances changed", "Did not act", "Still open", "Done of settled"],
            t.ActionsByAgency.Select(r => Row(r.AgencyName, N(r.Agreed), N(r.Done), N(r.NotDoneCircumstancesChanged), N(r.DidNotAct),
                N(r.Open), Percent(r.CompletionRate))).ToList()),
        new(Closures, "Closures", ["Measure", "Value"],
        [
            Row("Cases closed", N(t.CasesClosed)),
            Row("Average days from acceptance to closure", t.AverageDaysToClosure is { } d ? d.ToString("0", British) : "—"),
        ]),
        Counts(ClosureReasons, "Closure reasons", "Reason", t.ClosureReasons),
    ];

    static InsightTable Counts(string key, string title, string label, IReadOnlyList<CountRow> rows) =>
        new(key, title, [label, "Count"], rows.Select(r => Row(r.Label, N(r.Count))).ToList());

    static IReadOnlyList<string> Row(params string[] cells) => cells;

    static string N(int n) => n.ToString(British);
}
