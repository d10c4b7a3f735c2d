using Bunit;
using DapPanel.App.Features.Attendance;
using DapPanel.App.Features.Insight;
using DapPanel.App.Features.LiveMeeting;
using DapPanel.Core.Attendance;
using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DapPanel.Tests.Components;

public class AttendanceComponentsTests : BunitTest
{
    static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 30, 0, TimeSpan.Zero);
    static readonly Guid Police = Guid.NewGuid(), Housing = Guid.NewGuid(), MentalHealth = Guid.NewGuid();
    static readonly PersonOption Starling = new(Guid.NewGuid(), "Jamie Starling"), Wren = new(Guid.NewGuid(), "Lou Wren");
    readonly RecordingAttendance attendance = new();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<IAttendanceService>(attendance);

    LiveMeetingState Room(Role role)
    {
        var actor = new Actor("user", Guid.NewGuid(), Police, "DI Sam Kestrel", new HashSet<Role> { role });
        return new LiveMeetingState(actor, async (command, _) => { await command(Guid.NewGuid()); return true; }, new FakeTimeProvider(Now))
        {
            View = new LiveMeetingView(attendance.MeetingId, 4, "Croydon DAPP", MeetingStatus.Live, Now.AddMinutes(-30), 120, "Room", null,
                Now.AddMinutes(-30), null, [], [], [Police, Housing, MentalHealth], []) { ChairsOrAdministers = true },
        };
    }

    IRenderedComponent<AttendancePanel> RenderPanel(Role role) => Render<AttendancePanel>(p => p.AddCascadingValue(Room(role)));

    [Fact]
    public void The_chair_sees_quorum_who_is_missing_and_each_agencys_lines()
    {
        var cut = RenderPanel(Role.Chair);

        Assert.Contains("Not quorate: 1 of 3 core agencies at the table (2 needed)", cut.Find("[data-testid=quorum]").TextContent);
        Assert.Equal("Missing: Community Mental Health Team, Housing Needs", cut.Find("[data-testid=attendance-missing]").TextContent.Trim());
        var police = cut.Find("[data-agency='Police']");
        Assert.Contains("PC Alex Swift: present remotely, late", police.TextContent);
        Assert.Contains("Housing Needs", cut.Find("[data-agency='Housing Needs']").TextContent);
        Assert.Contains("Apologies, information sent", cut.Find("[data-agency='Community Mental Health Team']").TextContent);
        Assert.Contains("records sent ahead", cut.Find("[data-agency='Community Mental Health Team']").TextContent);
    }

    [Fact]
    public void The_chair_marks_an_agency_in_the_room_with_one_button()
    {
        var cut = RenderPanel(Role.Chair);

        cut.Find("[data-agency='Housing Needs'] button.in-room").Click();

        Assert.Equal((Housing, AttendanceStatus.PresentInRoom), attendance.MarkedAgency);
        Assert.Equal(2, attendance.Loads); // reloaded after the command
    }

    [Fact]
    public void The_chair_picks_a_person_of_the_agency_instead_of_typing()
    {
        var cut = RenderPanel(Role.Chair);

        var people = cut.FindAll("[data-agency='Housing Needs'] .attendance-person");
        Assert.Equal(["Jamie Starling", "Lou Wren"], people.Select(p => p.TextContent));
        people[1].Click();

        Assert.Equal((Wren.Id, AttendanceStatus.PresentInRoom), attendance.MarkedPerson);
    }

    [Fact]
    public void The_chair_can_mark_a_person_as_an_observer()
    {
        var cut = RenderPanel(Role.Chair);

        cut.Find("[data-testid=observing]").Change(true);
        cut.FindAll("[data-agency='Housing Needs'] .attendance-person")[0].Click();

        Assert.Equal((Starling.Id, AttendanceStatus.PresentInRoom), attendance.MarkedPerson);
        Assert.True(attendance.MarkedAsObserver);
    }

    [Fact]
    public void Agency_members_do_not_see_the_attendance_panel()
    {
        var cut = RenderPanel(Role.AgencyMember);

        Assert.Empty(cut.FindAll("[data-testid=attendance-panel]"));
        Assert.Equal(0, attendance.Loads);
    }

    [Fact]
    public void The_dashboard_highlights_agencies_that_missed_two_in_a_row_and_offers_every_table_as_csv()
    {
        var panel = Guid.NewGuid();
        var period = new InsightPeriod(panel, new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28));
        var insight = new AttendanceInsight(4, [new DateOnly(2026, 1, 20)],
        [
            new AgencyAttendanceRow(Police, "Police", true, new DateOnly(2025, 1, 1), 3, 2, 1, 1, 0, 0, 1, 0, 1, 1, 0),
            new AgencyAttendanceRow(MentalHealth, "Community Mental Health Team", true, new DateOnly(2025, 1, 1), 3, 0, 0, 0, 0, 1, 0, 2, 0, 3, 3),
        ],
        [
            new MonthAttendance(new DateOnly(2026, 1, 1), 2, 1, 2, 1, 1, 0, 0, 1, 0),
            new MonthAttendance(new DateOnly(2026, 2, 1), 2, 0, 4, 2, 0, 1, 0, 1, 1),
        ]);
        var throughput = new ThroughputInsight(12, 14, 5, 8, 1, [new CountRow("Accepted", 4)], [new CountRow("Support", 6)],
            [new LeverAreaRow("Support", "Housing", 3)], [new CountRow("Police", 6)], [new CountRow("Combined", 5)],
            [new InterventionAgencyRow("Police", 1, 2, 3)], [new ActionAgencyRow("Housing", 5, 3, 0, 1, 1)], 1, 244, [new CountRow("Risk reduced", 1)]);

        var cut = Render<InsightDashboard>(p => p.Add(x => x.Attendance, insight).Add(x => x.Throughput, throughput).Add(x => x.Period, period));

        var highlighted = cut.FindAll("tr.missed-in-a-row");
        Assert.Equal("Community Mental Health Team", Assert.Single(highlighted).GetAttribute("data-agency"));
        Assert.Contains("missed 3 in a row", highlighted[0].TextContent);
        Assert.Contains("67%", cut.Find("tr[data-agency='Police']").TextContent);
        Assert.Contains("Attendance not recorded at 1 (20 Jan 2026)", cut.Find("[data-testid=not-recorded]").TextContent);
        Assert.NotEmpty(cut.FindAll(".mud-chart"));
        var monthTable = cut.Find("[data-table='attendance-by-month']");
        Assert.Contains("Feb 2026", monthTable.TextContent);
        var links = cut.FindAll("a.insight-csv").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(InsightTables.Keys.Count, links.Count);
        Assert.Contains($"/insight/actions-by-agency.csv?panel={panel}&from=2026-01-01&to=2026-02-28", links);
        Assert.Contains("75%", cut.Find("[data-table='actions-by-agency']").TextContent); // 3 done of 4 settled
    }

    sealed class RecordingAttendance : IAttendanceService
    {
        public Guid MeetingId { get; } = Guid.NewGuid();
        public int Loads;
        public (Guid, AttendanceStatus)? MarkedAgency, MarkedPerson;
        public bool MarkedAsObserver;

        public Task<MeetingAttendanceView> GetAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default)
        {
            Loads++;
            return Task.FromResult(new MeetingAttendanceView(meetingId, MeetingStatus.Live, 2, 3, 1,
            [
                new AgencyAttendance(MentalHealth, "Community Mental Health Team", true, AttendanceStatus.ApologiesWithInformation,
                    [new AttendeeLine(Guid.NewGuid(), null, null, AttendanceStatus.ApologiesWithInformation, false, null, null, false, false, "records sent ahead", false)], []),
                new AgencyAttendance(Housing, "Housing Needs", true, null, [], [Starling, Wren]),
                new AgencyAttendance(Police, "Police", true, AttendanceStatus.PresentRemote,
                    [new AttendeeLine(Guid.NewGuid(), Guid.NewGuid(), "PC Alex Swift", AttendanceStatus.PresentRemote, false, Now.AddMinutes(-15), null, true, true, null, false)], []),
            ]));
        }

        public Task<long> MarkAgencyAsync(Actor actor, Guid commandId, Guid meetingId, Guid agencyId, AttendanceStatus status)
        {
            MarkedAgency = (agencyId, status);
            return Task.FromResult(5L);
        }

        public Task<long> MarkPersonAsync(Actor actor, Guid commandId, Guid meetingId, Guid personId, AttendanceStatus status, bool isObserver = false)
        {
            MarkedPerson = (personId, status);
            MarkedAsObserver = isObserver;
            return Task.FromResult(5L);
        }

        public Task<long> RemoveAsync(Actor actor, Guid commandId, Guid meetingId, Guid attendanceId) => Task.FromResult(5L);
        public Task<long> ConfirmAsync(Actor actor, Guid commandId, Guid meetingId) => Task.FromResult(5L);
        public Task<ConfidentialityView> GetConfidentialityAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
        public Task AcknowledgeAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<ApologyMeeting>> UpcomingAsync(Actor actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<long> SendApologiesAsync(Actor actor, Guid commandId, Guid meetingId, bool informationSent, string? note) => throw new NotSupportedException();
    }
}
