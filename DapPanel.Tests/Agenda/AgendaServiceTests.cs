using DapPanel.Core.Agenda;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Agenda;

public class AgendaServiceTests : IAsyncLifetime
{
    PanelWorld world = default!;
    public async Task InitializeAsync() => world = await PanelWorld.CreateAsync();
    public async Task DisposeAsync() => await world.DisposeAsync();

    DateOnly MeetingDate => world.Today.AddDays(14);

    [Fact]
    public void Candidates_follow_the_panel_rules_for_referrals_reviews_closure_and_extension()
    {
        var date = new DateOnly(2026, 12, 15);
        var referred = new CaseBuilder().Named("New Referral").Build();
        var heard = new CaseBuilder().Named("Heard Before").Build();
        var reviewDue = new CaseBuilder().Named("Review Due").AcceptedOn(date.AddMonths(-2)).Build();
        reviewDue.ReviewDueOn = date.AddDays(-1);
        var notYetDue = new CaseBuilder().Named("Not Yet Due").AcceptedOn(date.AddMonths(-2)).Build();
        notYetDue.ReviewDueOn = date.AddDays(14);
        var threeMonths = new CaseBuilder().Named("Three Months").AcceptedOn(date.AddMonths(-3)).Build();
        var almostThree = new CaseBuilder().Named("Almost Three").AcceptedOn(date.AddMonths(-3).AddDays(1)).Build();
        var thirteen = new CaseBuilder().Named("Thirteen Months").AcceptedOn(date.AddMonths(-13)).Build();
        var extended = new CaseBuilder().Named("Extended").AcceptedOn(date.AddMonths(-13)).Build();
        extended.Extend("Risk to the children is still high.");
        var elsewhere = new CaseBuilder().Named("On Another Agenda").Build();

        var candidates = AgendaCandidates.For(
            [referred, heard, reviewDue, notYetDue, threeMonths, almostThree, thirteen, extended, elsewhere],
            new HashSet<Guid> { heard.Id }, new HashSet<Guid> { elsewhere.Id }, date).ToDictionary(c => c.PerpetratorName);

        Assert.Equal([AgendaItemKind.NewReferral], candidates["New Referral"].Kinds);
        Assert.False(candidates.ContainsKey("Heard Before"));
        Assert.Equal([AgendaItemKind.Review], candidates["Review Due"].Kinds);
        Assert.False(candidates.ContainsKey("Not Yet Due"));
        Assert.Equal([AgendaItemKind.ClosureProposal], candidates["Three Months"].Kinds);
        Assert.False(candidates.ContainsKey("Almost Three"));
        Assert.True(candidates["Thirteen Months"].NeedsExtensionReason);
        Assert.Contains(candidates["Thirteen Months"].Reasons, r => r.Contains("extension reason"));
        Assert.False(candidates["Extended"].NeedsExtensionReason);
        Assert.False(candidates.ContainsKey("On Another Agenda"));
    }

    [Fact]
    public async Task The_builder_lists_candidates_by_the_fake_clock_and_adds_reorders_and_removes_items()
    {
        var accepted = await world.AddCaseAsync(new CaseBuilder().Named("Open Three Months").AcceptedOn(world.Today.AddMonths(-3)).Build());
        var referral = await world.AddCaseAsync(new CaseBuilder().Named("Brand New").Build());
        var meeting = await world.AddMeetingAsync(world.Today.AddDays(7));

        var view = await world.Agenda.GetAsync(world.Administrator, meeting.Id);
        Assert.Equal([AgendaItemKind.ClosureProposal], view.Candidates.Single(c => c.CaseId == accepted.Id).Kinds);

        view = await world.Agenda.AddItemAsync(world.Administrator, meeting.Id, view.Meeting.Version, referral.Id, AgendaItemKind.NewReferral);
        view = await world.Agenda.AddItemAsync(world.Administrator, meeting.Id, view.Meeting.Version, accepted.Id, AgendaItemKind.ClosureProposal);
        Assert.Equal(["Brand New", "Open Three Months"], view.Items.Select(i => i.PerpetratorName));
        Assert.Empty(view.Candidates);
        Assert.All(view.Items, i => Assert.False(string.IsNullOrWhiteSpace(i.Focus)));

        view = await world.Agenda.MoveItemAsync(world.Administrator, meeting.Id, view.Meeting.Version, view.Items[1].Id, -1);
        Assert.Equal(["Open Three Months", "Brand New"], view.Items.Select(i => i.PerpetratorName));
        Assert.Equal([1, 2], view.Items.Select(i => i.Order));

        view = await world.Agenda.UpdateItemAsync(world.Administrator, meeting.Id, view.Meeting.Version, view.Items[0].Id, 55,
            "Closure: IDVA view on the victim-survivor's safety.");
        Assert.Equal(55, view.Items[0].PlannedMinutes);
        Assert.False(view.IsOverLength);

        view = await world.Agenda.UpdateItemAsync(world.Administrator, meeting.Id, view.Meeting.Version, view.Items[1].Id, 60, null);
        Assert.False(view.IsOverLength); // 115 of 120 minutes
        var late = await world.AddCaseAsync(new CaseBuilder().Named("Late Referral").Build());
        view = await world.Agenda.AddItemAsync(world.Administrator, meeting.Id, view.Meeting.Version, late.Id, AgendaItemKind.NewReferral);
        Assert.True(view.IsOverLength); // 123 of 120 minutes

        view = await world.Agenda.RemoveItemAsync(world.Administrator, meeting.Id, view.Meeting.Version, view.Items[0].Id);
        Assert.Equal([1, 2], view.Items.Select(i => i.Order));
        Assert.Equal(["Brand New", "Late Referral"], view.Items.Select(i => i.PerpetratorName));
        Assert.Single(view.Candidates);
    }

    [Fact]
    public async Task A_stale_agenda_version_is_refused_with_a_clear_message()
    {
        var referral = await world.AddCaseAsync(new CaseBuilder().Build());
        var meeting = await world.AddMeetingAsync(MeetingDate);
        var first = await world.Agenda.GetAsync(world.Administrator, meeting.Id);
        await world.Agenda.AddItemAsync(world.Administrator, meeting.Id, first.Meeting.Version, referral.Id, AgendaItemKind.NewReferral);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            world.Agenda.UpdateItemAsync(world.Administrator, meeting.Id, first.Meeting.Version, Guid.NewGuid(), 5, null));
        Assert.Contains("Someone else changed this agenda", conflict.Message);
    }

    [Fact]
    public async Task Only_administrators_build_agendas_and_item_limits_are_checked()
    {
        var meeting = await world.AddMeetingAsync(MeetingDate, MeetingStatus.Draft, await world.AddCaseAsync(new CaseBuilder().Build()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Agenda.GetAsync(world.Police, meeting.Id));

        var view = await world.Agenda.GetAsync(world.Administrator, meeting.Id);
        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => world.Agenda.UpdateItemAsync(world.Administrator,
            meeting.Id, view.Meeting.Version, view.Items[0].Id, 0, new string('x', 2001)));
        Assert.Equal(2, invalid.Problems.Count);
    }

    [Fact]
    public async Task A_new_meeting_must_be_in_the_future_with_a_room_or_link()
    {
        var input = new NewMeetingInput { PanelId = world.Panel.Id, Date = world.Today.AddDays(-1), OnlineLink = "not a link" };
        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => world.Agenda.CreateMeetingAsync(world.Administrator, input));
        Assert.Contains("The meeting must be in the future.", invalid.Problems);
        Assert.Contains(invalid.Problems, p => p.Contains("https://"));

        input.Date = world.Today.AddDays(10);
        input.OnlineLink = "https://meet.example/dapp";
        var id = await world.Agenda.CreateMeetingAsync(world.Administrator, input);
        var view = await world.Agenda.GetAsync(world.Administrator, id);
        Assert.Equal(MeetingStatus.Draft, view.Meeting.Status);
        Assert.Equal(120, view.Meeting.PlannedMinutes);
    }
}
