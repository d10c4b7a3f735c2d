using DapPanel.App.Hubs;
using DapPanel.Core.Attendance;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.LiveMeeting;

[Collection(LiveServerCollection.Name)]
public class AttendanceTests(TestServer server) : LiveMeetingTestBase(server)
{
    [Fact]
    public async Task Case_detail_is_refused_until_the_person_acknowledges_the_statement_for_that_meeting()
    {
        var meeting = await LiveMeetingAsync(1);
        var housing = await Housing();

        var refusal = await Assert.ThrowsAsync<ConfidentialityNotAcknowledgedException>(() => Live.GetViewAsync(housing, meeting.Id));
        Assert.Contains("confidentiality statement", refusal.Message);
        await Assert.ThrowsAsync<ConfidentialityNotAcknowledgedException>(() => Live.ChangesSinceAsync(housing, meeting.Id, 0));

        var statement = await Attendance.GetConfidentialityAsync(housing, meeting.Id);
        Assert.Null(statement.AcknowledgedAt);
        Assert.Contains("OFFICIAL-SENSITIVE", statement.Statement);
        await Attendance.AcknowledgeAsync(housing, meeting.Id);

        Assert.Single((await Live.GetViewAsync(housing, meeting.Id)).Items);
        Assert.NotNull((await Attendance.GetConfidentialityAsync(housing, meeting.Id)).AcknowledgedAt);
        // Each meeting needs its own acknowledgement.
        var next = await LiveMeetingAsync(1);
        await Assert.ThrowsAsync<ConfidentialityNotAcknowledgedException>(() => Live.GetViewAsync(housing, next.Id));
    }

    [Fact]
    public async Task The_hub_refuses_to_join_or_show_a_meeting_before_acknowledgement()
    {
        var meeting = await Server.CreateAsync(1);
        await using var idva = await MeetingClient.ConnectAsync(Server, "idva@dappanel.example", DemoLogins.Password);

        var join = await Assert.ThrowsAsync<HubException>(() => idva.Connection.InvokeAsync<LiveMeetingView>("JoinMeeting", meeting.Id));
        var view = await Assert.ThrowsAsync<HubException>(() => idva.Connection.InvokeAsync<LiveMeetingView>("GetView", meeting.Id, 0L));
        Assert.Contains("confidentiality statement", join.Message);
        Assert.Contains("confidentiality statement", view.Message);

        var statement = await idva.Connection.InvokeAsync<ConfidentialityView>("GetConfidentialityStatement", meeting.Id);
        await idva.Connection.InvokeAsync("AcknowledgeConfidentiality", meeting.Id);
        Assert.Equal(meeting.Id, (await idva.Connection.InvokeAsync<LiveMeetingView>("JoinMeeting", meeting.Id)).MeetingId);
        Assert.False(string.IsNullOrWhiteSpace(statement.Statement));
        var acknowledged = await Server.ReadAsync(db => Task.FromResult(db.ConfidentialityAcknowledgements
            .Count(a => a.MeetingId == meeting.Id)));
        Assert.Equal(1, acknowledged);
    }

    [Fact]
    public async Task Joining_records_the_person_present_remotely_and_the_chair_sees_quorum_and_missing_core_agencies()
    {
        var meeting = await LiveMeetingAsync(1);
        var housing = await Housing();
        await Attendance.AcknowledgeAsync(housing, meeting.Id);
        await Live.JoinAsync(housing, meeting.Id, "test:" + Guid.NewGuid());

        var view = await Attendance.GetAsync(await Chair(), meeting.Id);

        var housingRow = view.Agencies.Single(a => a.AgencyName == "Housing Needs");
        var line = Assert.Single(housingRow.Lines);
        Assert.Equal((AttendanceStatus.PresentRemote, "Jamie Starling", true), (line.Status, line.PersonName, line.HasAcknowledged));
        Assert.Equal(1, view.CoreAtTable);
        Assert.False(view.QuorumMet);
        Assert.Equal(Panel.DefaultQuorum, view.Quorum);
        Assert.Contains(view.MissingCore, a => a.AgencyName == "Community Mental Health Team");
        Assert.DoesNotContain(view.MissingCore, a => a.AgencyName == "Housing Needs");
    }

    [Fact]
    public async Task The_chair_marks_agencies_in_the_room_and_everyone_is_told()
    {
        var meeting = await Server.CreateAsync(1);
        var chair = await Chair();
        var changes = new List<MeetingChanged>();
        var sixthChange = new TaskCompletionSource();
        using var subscription = Server.Services.GetRequiredService<IMeetingNotifier>().Subscribe(meeting.Id, c =>
        {
            lock (changes)
            {
                changes.Add(c);
                if (changes.Count == 6) sixthChange.TrySetResult();
            }
            return Task.CompletedTask;
        });
        var kinds = new[] { AgencyKind.Police, AgencyKind.Probation, AgencyKind.ChildrensSocialCare, AgencyKind.Housing, AgencyKind.IdvaService };
        foreach (var kind in kinds)
            await Attendance.MarkAgencyAsync(chair, Guid.NewGuid(), meeting.Id, await Server.AgencyIdAsync(kind), AttendanceStatus.PresentInRoom);
        var recovery = await Server.AgencyIdAsync(AgencyKind.CaseManagementProvider);
        var people = (await Attendance.GetAsync(chair, meeting.Id)).Agencies.Single(a => a.AgencyId == recovery).People;
        var commandId = Guid.NewGuid();
        var version = await Attendance.MarkPersonAsync(chair, commandId, meeting.Id, people[0].Id, AttendanceStatus.PresentInRoom);
        Assert.Equal(version, await Attendance.MarkPersonAsync(chair, commandId, meeting.Id, people[0].Id, AttendanceStatus.PresentInRoom));

        var view = await Attendance.GetAsync(chair, meeting.Id);

        Assert.Equal(6, view.CoreAtTable);
        Assert.True(view.QuorumMet);
        // Changes reach subscribers from the thread pool: wait for them, then give a wrongly published retry time to show.
        await sixthChange.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        lock (changes) Assert.Equal(6, changes.Count(c => c.Kind == "attendance"));
        var versionOf = (await ViewAsync(meeting.Id)).Version;
        Assert.Equal(version, versionOf);
    }

    [Fact]
    public async Task Confirming_records_core_agencies_with_nothing_recorded_as_absent()
    {
        var meeting = await Server.CreateAsync(1);
        var chair = await Chair();
        await Attendance.MarkAgencyAsync(chair, Guid.NewGuid(), meeting.Id, await Server.AgencyIdAsync(AgencyKind.Police), AttendanceStatus.PresentInRoom);

        await Attendance.ConfirmAsync(chair, Guid.NewGuid(), meeting.Id);

        var view = await Attendance.GetAsync(chair, meeting.Id);
        var otherCore = view.Agencies.Where(a => a.IsCore && a.AgencyName != "Police — South Area domestic abuse team").ToList();
        Assert.NotEmpty(otherCore);
        Assert.All(otherCore, a => Assert.Equal(AttendanceStatus.Absent, a.Status));
        var lines = view.Agencies.SelectMany(a => a.Lines).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(l.IsConfirmed));
        Assert.Null(view.Agencies.Single(a => a.AgencyName == "Health safeguarding").Status); // not core: left alone
    }

    [Fact]
    public async Task Apologies_sent_before_the_meeting_reach_the_chair_and_joining_after_all_counts_as_present()
    {
        var meeting = await Server.CreateAsync(1, daysAhead: 2); // the home page lists the next few meetings
        var housing = await Housing();

        var upcoming = await Attendance.UpcomingAsync(housing);
        Assert.Contains(upcoming, m => m.MeetingId == meeting.Id && m.MyStatus is null);
        var missingNote = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Attendance.SendApologiesAsync(housing, Guid.NewGuid(), meeting.Id, informationSent: true, note: " "));
        Assert.Contains("what information you sent", missingNote.Message);
        await Attendance.SendApologiesAsync(housing, Guid.NewGuid(), meeting.Id, informationSent: true, note: "Tenancy history emailed to the coordinator");

        var line = (await Attendance.GetAsync(await Chair(), meeting.Id)).Agencies.Single(a => a.AgencyName == "Housing Needs").Lines.Single();
        Assert.Equal((AttendanceStatus.ApologiesWithInformation, "Tenancy history emailed to the coordinator"), (line.Status, line.Note));
        Assert.Contains(await Attendance.UpcomingAsync(housing), m => m.MeetingId == meeting.Id && m.MyStatus == AttendanceStatus.ApologiesWithInformation);

        // Reading ahead is reading: the apologies stand, and the home page still shows them as sent.
        await Attendance.AcknowledgeAsync(housing, meeting.Id);
        var seat = "test:" + Guid.NewGuid();
        await Live.JoinAsync(housing, meeting.Id, seat);
        line = (await Attendance.GetAsync(await Chair(), meeting.Id)).Agencies.Single(a => a.AgencyName == "Housing Needs").Lines.Single();
        Assert.Equal((AttendanceStatus.ApologiesWithInformation, "Tenancy history emailed to the coordinator", null),
            (line.Status, line.Note, line.JoinedAt));
        Assert.Contains(await Attendance.UpcomingAsync(housing), m => m.MeetingId == meeting.Id && m.MyStatus == AttendanceStatus.ApologiesWithInformation);

        // Still in the room when the meeting starts: they came after all, and the apologies and their note are kept beside it.
        await Flow.StartAsync(await Chair(), Guid.NewGuid(), meeting.Id);
        line = (await Attendance.GetAsync(await Chair(), meeting.Id)).Agencies.Single(a => a.AgencyName == "Housing Needs").Lines.Single();
        Assert.Equal((AttendanceStatus.PresentRemote, AttendanceStatus.ApologiesWithInformation, "Tenancy history emailed to the coordinator"),
            (line.Status, line.ApologiesSent, line.Note));
        Assert.NotNull(line.JoinedAt);
        await Live.LeaveAsync(meeting.Id, seat);
    }

    [Fact]
    public async Task Reading_ahead_records_no_attendance_and_joining_the_live_meeting_does()
    {
        var meeting = await Server.CreateAsync(1, daysAhead: 11);
        var housing = await Housing();
        await Attendance.AcknowledgeAsync(housing, meeting.Id);

        var seat = "test:" + Guid.NewGuid();
        await Live.JoinAsync(housing, meeting.Id, seat);
        await Live.LeaveAsync(meeting.Id, seat);
        Assert.Empty(await Server.ReadAsync(db => db.Attendances.Where(a => a.MeetingId == meeting.Id).ToListAsync()));

        await Flow.StartAsync(await Chair(), Guid.NewGuid(), meeting.Id);
        await Live.JoinAsync(housing, meeting.Id, seat);
        var line = Assert.Single(await Server.ReadAsync(db => db.Attendances.Where(a => a.MeetingId == meeting.Id).ToListAsync()));
        Assert.Equal((AttendanceStatus.PresentRemote, housing.PersonId), (line.Status, line.PersonId));
        await Live.LeaveAsync(meeting.Id, seat);
        Assert.NotNull((await Server.ReadAsync(db => db.Attendances.SingleAsync(a => a.Id == line.Id))).LeftAt);
    }

    [Fact]
    public async Task Only_chairs_record_attendance_and_only_members_send_apologies()
    {
        var meeting = await Server.CreateAsync(1);
        var housing = await Housing();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Attendance.MarkAgencyAsync(housing, Guid.NewGuid(), meeting.Id, housing.AgencyId, AttendanceStatus.PresentInRoom));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Attendance.GetAsync(housing, meeting.Id));
        var manager = await Manager();
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Attendance.SendApologiesAsync(manager, Guid.NewGuid(), meeting.Id, false, null));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Attendance.AcknowledgeAsync(manager, meeting.Id));
    }
}
