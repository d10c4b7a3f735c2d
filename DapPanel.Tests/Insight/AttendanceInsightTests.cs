using DapPanel.Core.Audit;
using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using DapPanel.Core.Security;

namespace DapPanel.Tests.Insight;

public class AttendanceInsightTests : IAsyncLifetime
{
    SmallPanel small = default!;

    // Managers oversee their agency's panels and chairs the panels they chair: both are the small panel's here.
    Actor As(Role role) => new("user-" + role, role == Role.Chair ? small.Chair.Id : Guid.NewGuid(), small.Police.Id, role.ToString(),
        new HashSet<Role> { role });

    InsightQueries Queries => new(small.Database, new AuditLog(small.Database, TimeProvider.System));

    InsightPeriod WholePeriod => new(small.Panel.Id, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28));

    public async Task InitializeAsync() => small = await SmallPanel.CreateAsync();

    public async Task DisposeAsync() => await small.DisposeAsync();

    [Fact]
    public async Task Rates_count_recorded_meetings_after_the_agency_joined()
    {
        var insight = await Queries.AttendanceAsync(As(Role.Manager), WholePeriod);

        Assert.Equal(4, insight.MeetingsHeld);
        Assert.Equal([SmallPanel.Dates[1]], insight.NotRecorded);
        var police = insight.Agencies.Single(a => a.AgencyName == "Police");
        // Meetings 1, 3 and 4 (2 not recorded): in the room, remote and late, apologies with information.
        Assert.Equal((3, 2, 1, 1, 0, 1, 0, 1), (police.Eligible, police.Attended, police.InRoom, police.Remote, police.Apologies,
            police.ApologiesWithInformation, police.Unexplained, police.Late));
        Assert.Equal(2.0 / 3, police.Rate!.Value, 6);
        var housing = insight.Agencies.Single(a => a.AgencyName == "Housing");
        // Joined on 15 January: only meetings 3 and 4 count; the observer line is not attendance.
        Assert.Equal((2, 2, 1, 1, 0), (housing.Eligible, housing.Attended, housing.Remote, housing.Deputy, housing.Late));
        Assert.Equal(1.0, housing.Rate);
    }

    [Fact]
    public async Task Two_or_more_missed_in_a_row_is_highlighted_and_an_unrecorded_meeting_neither_breaks_nor_extends_the_run()
    {
        var insight = await Queries.AttendanceAsync(As(Role.Chair), WholePeriod);

        var mentalHealth = insight.Agencies.Single(a => a.AgencyName == "Mental health");
        // Apologies at 1, absent at 3, nothing recorded for it at 4 (an unexplained absence): three in a row.
        Assert.Equal((3, 0, 1, 2, 3), (mentalHealth.Eligible, mentalHealth.Attended, mentalHealth.Apologies, mentalHealth.Unexplained,
            mentalHealth.LongestMissRun));
        Assert.True(mentalHealth.MissedInARow);
        Assert.False(insight.Agencies.Single(a => a.AgencyName == "Police").MissedInARow);
        // Health is not core: not expected at every meeting, so never highlighted.
        var health = insight.Agencies.Single(a => a.AgencyName == "Health");
        Assert.Equal((3, 3, false), (health.Eligible, health.LongestMissRun, health.MissedInARow));
    }

    [Fact]
    public async Task Months_add_up_the_places_at_the_table()
    {
        var insight = await Queries.AttendanceAsync(As(Role.Administrator), WholePeriod);

        var (january, february) = (insight.Months[0], insight.Months[1]);
        // January: meeting 1 recorded (police in the room, mental health apologies, health absent), meeting 2 not recorded.
        Assert.Equal((2, 1, 3, 1, 1, 1), (january.Meetings, january.NotRecorded, january.Eligible, january.Attended, january.InRoom, january.Apologies));
        // February: 4 agencies × 2 meetings = 8 places; police remote + housing remote + housing deputy attended.
        Assert.Equal((2, 0, 8, 3, 2, 1, 1, 4), (february.Meetings, february.NotRecorded, february.Eligible, february.Attended,
            february.Remote, february.Deputy, february.Apologies, february.Unexplained));
    }

    [Fact]
    public async Task A_period_that_starts_later_leaves_earlier_meetings_out()
    {
        var insight = await Queries.AttendanceAsync(As(Role.Manager), WholePeriod with { From = new DateOnly(2026, 2, 1) });

        Assert.Equal(2, insight.MeetingsHeld);
        Assert.Empty(insight.NotRecorded);
        Assert.Equal(2, insight.Agencies.Single(a => a.AgencyName == "Mental health").LongestMissRun);
    }

    [Fact]
    public async Task Agency_members_are_refused_insight_and_exports()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Queries.AttendanceAsync(As(Role.AgencyMember), WholePeriod));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Queries.ThroughputAsync(As(Role.AgencyMember), WholePeriod));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Queries.ExportAsync(As(Role.AgencyMember), "attendance", WholePeriod));
    }

    [Fact]
    public async Task A_period_ending_before_it_starts_is_refused_plainly()
    {
        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Queries.AttendanceAsync(As(Role.Manager), WholePeriod with { To = new DateOnly(2025, 12, 1) }));
        Assert.Contains("ends before it starts", refusal.Message);
    }

    [Fact]
    public async Task The_attendance_export_has_one_row_per_agency_and_is_audited()
    {
        var export = await Queries.ExportAsync(As(Role.Manager), "attendance", WholePeriod);

        var lines = export.Csv.TrimEnd().Split("\r\n");
        Assert.StartsWith("Agency,Core,Member since,Meetings expected,Attended,Rate", lines[0]);
        Assert.Contains("Police,Yes,2025-01-01,3,2,67%,1,1,0,0,1,0,1,1", lines);
        Assert.Contains("Housing,Yes,2026-01-15,2,2,100%,0,1,1,0,0,0,0,0", lines);
        Assert.Equal("attendance-2026-01-01-to-2026-02-28.csv", export.FileName);
        await using var db = small.Database.CreateDbContext();
        var audit = Assert.Single(db.AuditEvents.Where(e => e.Action == AuditAction.Exported));
        Assert.Contains("Attendance by agency", audit.Summary);
        Assert.Contains("Small DAPP", audit.Summary);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("Police, South", "\"Police, South\"")]
    [InlineData("Housing", "Housing")]
    public void Csv_cells_cannot_run_as_formulas(string value, string written) => Assert.Equal(written, InsightCsv.Cell(value));
}
