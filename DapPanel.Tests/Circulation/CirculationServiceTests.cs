using DapPanel.Core.Agenda;
using DapPanel.Core.Circulation;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using MimeKit;

namespace DapPanel.Tests.Circulation;

public class CirculationServiceTests : IAsyncLifetime
{
    PanelWorld world = default!;
    public async Task InitializeAsync() => world = await PanelWorld.CreateAsync();
    public async Task DisposeAsync() => await world.DisposeAsync();

    async Task<Meeting> MeetingInDaysAsync(int days) =>
        await world.AddMeetingAsync(world.Today.AddDays(days), MeetingStatus.Draft,
            await world.AddCaseAsync(new CaseBuilder().Named("Mark Hawthorn").WithVictim("Sarah Primrose", "Flat 1, Secret Road", "07700 900123").Build()));

    [Fact]
    public async Task Circulating_emails_every_member_agency_with_a_calendar_invitation_in_the_pickup_folder()
    {
        var meeting = await MeetingInDaysAsync(10);

        var report = await world.Circulation.CirculateAsync(world.Administrator, meeting.Id, meeting.Version);

        Assert.Equal(new SendReport(4, 0), report);
        var mail = world.Mail();
        Assert.Equal(4, mail.Count);
        Assert.Equal(new[] { "alex@Police.example", "chris@Probation.example", "jo@Other.example", "ravi@CaseManagementProvider.example" }.Order(),
            mail.Select(m => m.To.Mailboxes.Single().Address).Order());
        var message = mail.First(m => m.To.Mailboxes.Single().Address.StartsWith("alex"));
        Assert.StartsWith("OFFICIAL-SENSITIVE", message.Subject);
        var invitation = message.Attachments.OfType<MimePart>().Single(a => a.FileName == "invitation.ics")!;
        using var ics = new StreamReader(invitation.Content!.Open());
        var calendar = await ics.ReadToEndAsync();
        Assert.Contains("BEGIN:VCALENDAR", calendar);
        Assert.Contains("METHOD:REQUEST", calendar);
        Assert.Contains("https://meet.example/dapp", calendar);
        Assert.DoesNotContain("Secret Road", message.TextBody);
        Assert.Contains("/research", message.TextBody);

        var view = await world.Circulation.GetAsync(world.Administrator, meeting.Id);
        Assert.Equal(MeetingStatus.Circulated, view.Meeting.Status);
        Assert.Equal(world.Clock.GetUtcNow(), view.CirculatedAt);
        Assert.Null(view.NoticeWarning);
        Assert.NotEmpty(view.Notifications);
        Assert.All(view.Notifications, n => Assert.Equal(NotificationStatus.Sent, n.Status));
    }

    [Fact]
    public async Task Circulating_within_the_notice_period_warns()
    {
        var meeting = await MeetingInDaysAsync(3);

        var before = await world.Circulation.GetAsync(world.Administrator, meeting.Id);
        var report = await world.Circulation.CirculateAsync(world.Administrator, meeting.Id, meeting.Version);

        Assert.Contains("notice period of 7 days", before.NoticeWarning);
        Assert.Contains("3 days before the meeting", report.NoticeWarning);
        Assert.Null(CirculationService.NoticeWarning(world.Clock.GetUtcNow(), world.Clock.GetUtcNow().AddDays(7), 7));
    }

    [Fact]
    public async Task An_empty_agenda_or_a_past_meeting_is_refused_and_nobody_is_emailed()
    {
        var empty = await world.AddMeetingAsync(world.Today.AddDays(10));
        var past = await MeetingInDaysAsync(-1);

        var refusedEmpty = await Assert.ThrowsAsync<DomainRuleException>(() => world.Circulation.CirculateAsync(world.Administrator, empty.Id, empty.Version));
        var refusedPast = await Assert.ThrowsAsync<DomainRuleException>(() => world.Circulation.CirculateAsync(world.Administrator, past.Id, past.Version));

        Assert.Contains("agenda is empty", refusedEmpty.Message);
        Assert.Contains("in the past", refusedPast.Message);
        Assert.Empty(world.Mail());
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Circulation.CirculateAsync(world.Chair, past.Id, past.Version));
    }

    [Fact]
    public async Task Failed_sends_leave_the_circulation_recorded_and_listed_and_can_be_retried()
    {
        var meeting = await MeetingInDaysAsync(10);
        world.Sender = new FailingEmailSender();

        var report = await world.Circulation.CirculateAsync(world.Administrator, meeting.Id, meeting.Version);

        Assert.Equal(new SendReport(0, 4), report);
        var view = await world.Circulation.GetAsync(world.Administrator, meeting.Id);
        Assert.Equal(MeetingStatus.Circulated, view.Meeting.Status);
        Assert.Equal(4, view.FailedCount);
        Assert.All(view.Notifications, n => Assert.Equal("The mail server did not answer.", n.Error));

        world.Sender = new PickupFolderEmailSender(world.Storage);
        var retried = await world.Circulation.RetryFailedAsync(world.Administrator, meeting.Id);

        Assert.Equal(new SendReport(4, 0), retried);
        Assert.Equal(4, world.Mail().Count);
        view = await world.Circulation.GetAsync(world.Administrator, meeting.Id);
        Assert.All(view.Notifications, n => Assert.Equal(2, n.Attempts));
        await Assert.ThrowsAsync<DomainRuleException>(() => world.Circulation.RetryFailedAsync(world.Administrator, meeting.Id));
    }

    [Fact]
    public async Task Changes_after_circulation_make_an_addendum_that_is_notified_again()
    {
        var meeting = await MeetingInDaysAsync(10);
        var added = await world.AddCaseAsync(new CaseBuilder().Named("Late Referral").Build());
        await world.Circulation.CirculateAsync(world.Administrator, meeting.Id, meeting.Version);
        var agenda = await world.Agenda.GetAsync(world.Administrator, meeting.Id);

        agenda = await world.Agenda.AddItemAsync(world.Administrator, meeting.Id, agenda.Meeting.Version, added.Id, AgendaItemKind.NewReferral);
        agenda = await world.Agenda.MoveItemAsync(world.Administrator, meeting.Id, agenda.Meeting.Version, agenda.Items[1].Id, -1);
        agenda = await world.Agenda.RemoveItemAsync(world.Administrator, meeting.Id, agenda.Meeting.Version, agenda.Items[1].Id);

        var view = await world.Circulation.GetAsync(world.Administrator, meeting.Id);
        Assert.Equal([AgendaChangeKind.Added, AgendaChangeKind.Reordered, AgendaChangeKind.Withdrawn], view.PendingChanges.Select(c => c.Kind));
        Assert.Equal(3, agenda.UnnotifiedChanges);

        var report = await world.Circulation.SendAddendumAsync(world.Administrator, meeting.Id);

        Assert.Equal(4, report.Sent);
        var addendum = world.Mail().Where(m => m.Subject?.Contains("addendum") == true).ToList();
        Assert.Equal(4, addendum.Count);
        Assert.Contains("Withdrawn", addendum[0].TextBody);
        Assert.Empty((await world.Circulation.GetAsync(world.Administrator, meeting.Id)).PendingChanges);
        var list = await world.Circulation.GetCaseListAsync(world.Police, meeting.Id);
        Assert.Equal(3, list.Addendum.Count);
        Assert.Equal("Late Referral", Assert.Single(list.Cases).PerpetratorName);
    }

    [Fact]
    public async Task The_case_list_is_for_member_agencies_once_circulated_and_never_holds_victim_contact_details()
    {
        var meeting = await MeetingInDaysAsync(10);
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Circulation.GetCaseListAsync(world.Police, meeting.Id));

        await world.Circulation.CirculateAsync(world.Administrator, meeting.Id, meeting.Version);
        var list = await world.Circulation.GetCaseListAsync(world.Police, meeting.Id);

        var entry = Assert.Single(list.Cases);
        Assert.Equal(["Sarah Primrose"], entry.Victims.Names); // police: in the victims' safety plan
        Assert.DoesNotContain(typeof(CaseListEntry).GetProperties(), p => p.Name.Contains("Address") || p.Name.Contains("Contact"));
        Assert.Equal(ResearchDeadline.For(world.Today.AddDays(10)), list.ResearchDeadline);
        var outsider = world.Police with { AgencyId = Guid.NewGuid() };
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Circulation.GetCaseListAsync(outsider, meeting.Id));
    }

    [Fact]
    public void The_research_deadline_is_two_working_days_before_the_panel()
    {
        Assert.Equal(new DateOnly(2026, 12, 11), ResearchDeadline.For(new DateOnly(2026, 12, 15))); // Tuesday → Friday
        Assert.Equal(new DateOnly(2026, 12, 14), ResearchDeadline.For(new DateOnly(2026, 12, 16))); // Wednesday → Monday
    }

    [Fact]
    public void A_case_list_sent_on_or_after_the_usual_deadline_gives_agencies_until_the_day_before_the_panel()
    {
        var tuesday = new DateOnly(2026, 12, 15);
        Assert.Equal(new DateOnly(2026, 12, 11), ResearchDeadline.For(tuesday, circulatedOn: new DateOnly(2026, 12, 4)));
        Assert.Equal(new DateOnly(2026, 12, 14), ResearchDeadline.For(tuesday, circulatedOn: new DateOnly(2026, 12, 11)));
        Assert.Equal(new DateOnly(2026, 12, 14), ResearchDeadline.For(tuesday, circulatedOn: new DateOnly(2026, 12, 12)));
        Assert.Equal(tuesday, ResearchDeadline.For(tuesday, circulatedOn: new DateOnly(2026, 12, 14)));
        Assert.Equal(tuesday, ResearchDeadline.For(tuesday, circulatedOn: tuesday));
    }

    [Fact]
    public async Task A_late_circulation_never_asks_for_research_by_a_day_already_gone()
    {
        var meeting = await MeetingInDaysAsync(2);
        await world.Circulation.CirculateAsync(world.Administrator, meeting.Id, meeting.Version);

        var list = await world.Circulation.GetCaseListAsync(world.Police, meeting.Id);
        Assert.Equal(world.Today.AddDays(1), list.ResearchDeadline);
        Assert.Equal(world.Today, ResearchDeadline.For(world.Today.AddDays(2))); // the usual deadline: the day it went out
        var sent = world.Mail().First(m => m.Subject?.Contains("case list") == true);
        Assert.Contains($"answer for each case by {world.Today.AddDays(1):dddd d MMMM}", sent.TextBody);
    }
}
