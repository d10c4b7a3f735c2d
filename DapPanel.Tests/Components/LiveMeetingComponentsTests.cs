using DapPanel.Core.InformationSharing;
using Bunit;
using DapPanel.App.Features.LiveMeeting;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.ReviewUpdates;
using DapPanel.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DapPanel.Tests.Components;

public class LiveMeetingComponentsTests : BunitTest
{
    static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 30, 0, TimeSpan.Zero);
    static readonly Guid Police = Guid.NewGuid(), Probation = Guid.NewGuid(), Housing = Guid.NewGuid();
    readonly FakeTimeProvider clock = new(Now);
    readonly InProcessMeetingNotifier notifier = new(Microsoft.Extensions.Logging.Abstractions.NullLogger<InProcessMeetingNotifier>.Instance);

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IDecisionRecorder>(new AcceptingDecisions());
        services.AddSingleton<IReviewUpdateService>(new ChairsOnlyReviewUpdates());
        services.AddSingleton<ILeverBoard>(new UnusedLeverBoard());
        services.AddSingleton<IActionBoard>(new UnusedActionBoard());
        services.AddSingleton<IMeetingNotifier>(notifier);
    }

    static LiveCase Case(int n) => new(Guid.NewGuid(), $"DAPP-26-{n:000}", $"Person {n}", RiskLevel.High, ReferralSource.Police,
        CaseStatus.Referred, false, 1, VictimInformation.Shared([$"Victim {n}"], 2), "Concerns", "History", null, null, false, false);

    static LiveItem Item(int order, ItemProgress progress, int elapsedSeconds = 0, DateTimeOffset? timerStartedAt = null,
        LiveDecision? decision = null) =>
        new(Guid.NewGuid(), order, AgendaItemKind.NewReferral, 8, "Eligibility", progress, elapsedSeconds, timerStartedAt,
            Case(order), decision, ValueList<LiveLever>.Empty, ValueList<LiveAction>.Empty);

    LiveMeetingState Room(Role role, Guid agency, params LiveItem[] items)
    {
        var actor = new Actor("user", Guid.NewGuid(), agency, "Tester", new HashSet<Role> { role });
        return new LiveMeetingState(actor, (_, _) => Task.FromResult(true), clock)
        {
            View = new LiveMeetingView(Guid.NewGuid(), 10, "Croydon DAPP", MeetingStatus.Live, Now.AddMinutes(-30), 120, "Room",
                null, Now.AddMinutes(-30), items.FirstOrDefault(i => i.Progress == ItemProgress.Current)?.Id, items,
                [new AgencyAtTable(Police, "Police", AgencyKind.Police, []), new AgencyAtTable(Probation, "Probation", AgencyKind.Probation, []),
                 new AgencyAtTable(Housing, "Housing", AgencyKind.Housing, [])],
                [Police, Probation, Housing],
                [new PresentPerson(Guid.NewGuid(), "Chris Plover", Probation, "Probation", Now)]) { ChairsOrAdministers = true },
        };
    }

    IRenderedComponent<T> RenderIn<T>(LiveMeetingState room, Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        Render<T>(p =>
        {
            p.AddCascadingValue(room);
            parameters?.Invoke(p);
        });

    [Fact]
    public void The_agenda_shows_heard_current_and_to_come()
    {
        var room = Room(Role.AgencyMember, Probation, Item(1, ItemProgress.Heard), Item(2, ItemProgress.Current), Item(3, ItemProgress.ToCome),
            Item(4, ItemProgress.Deferred));

        var cut = RenderIn<AgendaProgress>(room);

        var rows = cut.FindAll("li");
        Assert.Equal(["Heard", "Current", "ToCome", "Deferred"], rows.Select(r => r.GetAttribute("data-progress")));
        Assert.Equal("step", rows[1].QuerySelector("button")!.GetAttribute("aria-current"));
        Assert.Contains("deferred", rows[3].TextContent);
    }

    [Fact]
    public void Selecting_an_item_on_the_agenda_reports_it()
    {
        var items = new[] { Item(1, ItemProgress.Current), Item(2, ItemProgress.ToCome) };
        Guid? selected = null;
        var cut = RenderIn<AgendaProgress>(Room(Role.AgencyMember, Probation, items),
            p => p.Add(x => x.OnSelect, (Guid id) => selected = id));

        cut.FindAll("button")[1].Click();

        Assert.Equal(items[1].Id, selected);
    }

    [Fact]
    public void The_timer_shows_overrun_plainly()
    {
        var overrun = Item(1, ItemProgress.Current, elapsedSeconds: 7 * 60, timerStartedAt: Now.AddSeconds(-90));

        var cut = RenderIn<ItemTimer>(Room(Role.Chair, Police, overrun), p => p.Add(x => x.Item, overrun));

        Assert.Contains("8:30 / 8:00", cut.Markup);
        Assert.Contains("Over by 0:30", cut.Markup);
        Assert.Equal("true", cut.Find("[data-testid=item-timer]").GetAttribute("data-overrun"));
        Assert.Equal("true", cut.Find("[data-testid=item-timer]").GetAttribute("data-running"));
    }

    [Fact]
    public void Attendees_see_the_timer_in_whole_minutes()
    {
        var overrun = Item(1, ItemProgress.Current, elapsedSeconds: 7 * 60, timerStartedAt: Now.AddSeconds(-90));

        var cut = RenderIn<ItemTimer>(Room(Role.AgencyMember, Probation, overrun), p => p.Add(x => x.Item, overrun));

        Assert.Equal("8 of 8 min", cut.Find(".live-timer-clock").TextContent);
        Assert.Equal("Over time", cut.Find(".live-timer-note").TextContent);
        Assert.Equal("minutes", cut.Find("[data-testid=item-timer]").GetAttribute("data-precision"));
        Assert.Equal("true", cut.Find("[data-testid=item-timer]").GetAttribute("data-overrun"));
    }

    [Fact]
    public void The_timer_within_time_is_not_marked()
    {
        var item = Item(1, ItemProgress.Current, elapsedSeconds: 60);

        var cut = RenderIn<ItemTimer>(Room(Role.Chair, Police, item), p => p.Add(x => x.Item, item));

        Assert.Contains("1:00 / 8:00", cut.Markup);
        Assert.Contains("Paused", cut.Markup);
        Assert.Equal("false", cut.Find("[data-testid=item-timer]").GetAttribute("data-overrun"));
        Assert.Equal("false", cut.Find("[data-testid=item-timer]").GetAttribute("data-running"));
    }

    [Fact]
    public void Presence_lists_people_by_agency_and_names_missing_core_agencies()
    {
        var cut = RenderIn<PresencePanel>(Room(Role.Chair, Police, Item(1, ItemProgress.Current)));

        Assert.Contains("Chris Plover", cut.Markup);
        var missing = cut.Find("[data-testid=missing-core]").TextContent;
        Assert.Contains("Police", missing);
        Assert.Contains("Housing", missing);
        Assert.DoesNotContain("Probation", missing);
    }

    [Fact]
    public void Reassigning_an_action_whose_owner_has_left_keeps_them_named_but_a_new_action_cannot_name_them()
    {
        var item = Item(1, ItemProgress.Current);
        var room = Room(Role.Chair, Police, item);
        var leaver = Guid.NewGuid();
        // The room offers only people whose sign-in is live; the action's owner is no longer among them.
        room.View = room.View with
        {
            Agencies = [new AgencyAtTable(Probation, "Probation", AgencyKind.Probation, [new PersonOption(Guid.NewGuid(), "Chris Plover")])],
        };
        var owned = new LiveAction(Guid.NewGuid(), "Hand over the licence file", Probation, "Probation", leaver, "Kit Leaver",
            new DateOnly(2026, 12, 22), ActionStatus.Open, true, false, Guid.NewGuid());

        var reassigning = RenderIn<ActionForm>(room, p => p.Add(x => x.For, item).Add(x => x.ShownItemId, item.Id).Add(x => x.Editing, owned));
        var owners = reassigning.Find($"#action-owner-{owned.Id}");
        Assert.Equal(leaver.ToString(), owners.GetAttribute("value"));
        Assert.Contains("Kit Leaver (sign-in disabled)", owners.TextContent);

        var adding = RenderIn<ActionForm>(room, p => p.Add(x => x.For, item).Add(x => x.ShownItemId, item.Id));
        Assert.DoesNotContain("Kit Leaver", adding.Find($"#action-owner-{item.Id}").TextContent);
    }

    [Fact]
    public void An_agency_member_sees_the_decision_but_cannot_change_it()
    {
        var decision = new LiveDecision(DecisionOutcome.Accept, "Eligible", null, null, null, "DI Sam Kestrel", Now, Guid.NewGuid());
        var item = Item(1, ItemProgress.Current, decision: decision);

        var cut = RenderIn<DecisionPanel>(Room(Role.AgencyMember, Probation, item), p => p.Add(x => x.Item, item));

        Assert.Contains("Eligible", cut.Find("[data-testid=decision-rationale]").TextContent);
        Assert.DoesNotContain("Change the decision", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=decision-form]"));
    }

    /// <summary>Someone who chairs another panel and sits on this one for their agency is offered what a member is.</summary>
    [Fact]
    public void A_chair_of_another_panel_sitting_here_as_a_member_is_offered_no_decision_form()
    {
        var item = Item(1, ItemProgress.Current);
        var room = Room(Role.Chair, Police, item);
        room.View = room.View with { ChairsOrAdministers = false };

        var cut = RenderIn<DecisionPanel>(room, p => p.Add(x => x.Item, item));

        Assert.False(room.IsChair);
        Assert.Empty(cut.FindAll("[data-testid=decision-form]"));
    }

    [Fact]
    public void A_chair_keeps_their_text_when_another_chair_decides_first()
    {
        var item = Item(1, ItemProgress.Current);
        var room = Room(Role.Chair, Police, item);
        var cut = RenderIn<DecisionPanel>(room, p => p.Add(x => x.Item, item));
        cut.Find("[data-testid=decision-form] textarea").Input("My rationale");

        var decided = item with { Decision = new LiveDecision(DecisionOutcome.NotSuitable, "Too dangerous", null, null, null, "Morgan Wren", Now, Guid.NewGuid()) };
        cut.Render(p => p.Add(x => x.Item, decided));

        Assert.Contains("Morgan Wren recorded", cut.Find("[data-testid=decision-conflict]").TextContent);
        Assert.Equal("My rationale", cut.Find("[data-testid=decision-form] textarea").GetAttribute("value"));
    }

    [Fact]
    public void A_chair_sees_the_case_managers_update_with_the_review()
    {
        var item = Item(1, ItemProgress.Current) with { Kind = AgendaItemKind.Review };

        var cut = RenderIn<LiveReviewUpdate>(Room(Role.Chair, Police, item), p => p.Add(x => x.Item, item));

        cut.WaitForAssertion(() => Assert.Contains("Direct contact made", cut.Markup));
        Assert.Contains("Support with IDVA service", cut.Markup);
        Assert.Contains("Sarah Primrose", cut.Markup);
    }

    [Fact]
    public void Another_agency_is_told_the_update_is_withheld_not_shown_an_empty_one()
    {
        var item = Item(1, ItemProgress.Current) with { Kind = AgendaItemKind.Review };

        var cut = RenderIn<LiveReviewUpdate>(Room(Role.AgencyMember, Housing, item), p => p.Add(x => x.Item, item));

        cut.WaitForAssertion(() => Assert.Contains("is shared with the chairs and the case-management", cut.Markup));
        Assert.DoesNotContain("Sarah Primrose", cut.Markup);
    }

    static LiveLever Lever(string description, Guid agency, string agencyName) =>
        new(Guid.NewGuid(), agency, agencyName, LeverFamily.Support, LeverArea.Housing, description, false, true, Guid.NewGuid());

    [Fact]
    public void A_change_elsewhere_in_the_meeting_renders_no_lever_again_and_a_new_lever_renders_only_itself()
    {
        var housingLever = Lever("Priority move", Housing, "Housing");
        var policeLever = Lever("Bail conditions", Police, "Police");
        var item = Item(1, ItemProgress.Current) with { Levers = new[] { housingLever, policeLever }.ToValueList() };
        var room = Room(Role.AgencyMember, Probation, item);
        var cut = RenderIn<LeversPanel>(room, p => p.Add(x => x.Item, item));
        // Every event hands the room a view rebuilt from the database: new objects, equal values.
        var rebuilt = item with { Levers = item.Levers.Select(l => l with { }).ToValueList(), ElapsedSeconds = 30 };
        cut.Render(p => p.Add(x => x.Item, rebuilt));
        var panelRenders = cut.RenderCount;
        var rowRenders = cut.FindComponents<LeverRow>().Select(r => r.RenderCount).ToList();

        cut.Render(p => p.Add(x => x.Item, rebuilt with { Levers = rebuilt.Levers.Select(l => l with { }).ToValueList(), ElapsedSeconds = 60 }));

        Assert.Equal(panelRenders, cut.RenderCount);
        Assert.Equal(rowRenders, cut.FindComponents<LeverRow>().Select(r => r.RenderCount));

        var offered = Lever("Tenancy warning", Probation, "Probation");
        cut.Render(p => p.Add(x => x.Item, rebuilt with { Levers = rebuilt.Levers.Append(offered).ToValueList() }));

        Assert.Equal(panelRenders + 1, cut.RenderCount);
        Assert.Contains("Tenancy warning", cut.Markup);
        var rows = cut.FindComponents<LeverRow>();
        Assert.Equal(rowRenders, rows.Where(r => r.Instance.Lever.Id != offered.Id).Select(r => r.RenderCount));
        Assert.Equal(1, rows.Single(r => r.Instance.Lever.Id == offered.Id).RenderCount);
    }

    [Fact]
    public async Task A_change_to_the_meeting_renders_the_listening_page_once()
    {
        var meetingId = Guid.NewGuid();
        var page = Render<ListeningPage>(p => p.Add(x => x.MeetingId, meetingId));
        var before = page.RenderCount;

        await notifier.PublishAsync(new MeetingChanged(meetingId, 11, "lever-added", null));
        page.WaitForAssertion(() => Assert.Equal(1, page.Instance.Changes));

        Assert.Equal(before + 1, page.RenderCount);
    }

    /// <summary>Listens as the live room does: takes the change, then renders itself once.</summary>
    sealed class ListeningPage : Microsoft.AspNetCore.Components.ComponentBase
    {
        [Microsoft.AspNetCore.Components.Parameter] public Guid MeetingId { get; set; }
        public int Changes { get; private set; }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenComponent<MeetingChangeListener>(0);
            builder.AddComponentParameter(1, nameof(MeetingChangeListener.MeetingId), MeetingId);
            builder.AddComponentParameter(2, nameof(MeetingChangeListener.OnChanged), (Func<MeetingChanged, Task>)OnChanged);
            builder.CloseComponent();
            builder.AddContent(3, Changes);
        }

        async Task OnChanged(MeetingChanged change)
        {
            await Task.Yield();
            Changes++;
            StateHasChanged();
        }
    }

    [Fact]
    public void The_chairs_shared_screen_keeps_victim_names_back_until_asked_and_an_agency_in_the_safety_plan_sees_them()
    {
        var item = Item(1, ItemProgress.Current);
        var chair = RenderIn<CaseSummaryCard>(Room(Role.Chair, Police, item), p => p.Add(x => x.Item, item));
        Assert.DoesNotContain("Victim 1", chair.Find("[data-testid=live-victims]").TextContent);
        Assert.Contains("kept off the shared screen", chair.Find("[data-testid=live-victims]").TextContent);

        chair.Find("[data-testid=show-victim-names]").Click();
        Assert.Contains("Victim 1", chair.Find("[data-testid=live-victims]").TextContent);

        var police = RenderIn<CaseSummaryCard>(Room(Role.AgencyMember, Police, item), p => p.Add(x => x.Item, item));
        Assert.Contains("Victim 1", police.Find("[data-testid=live-victims]").TextContent);
    }

    [Fact]
    public void Values_that_are_equal_item_for_item_are_equal_lists()
    {
        Assert.Equal(new[] { "a", "b" }.ToValueList(), new List<string> { "a", "b" }.ToValueList());
        Assert.NotEqual(new[] { "a", "b" }.ToValueList(), new[] { "b", "a" }.ToValueList());
        Assert.Equal(new[] { "a" }.ToValueList().GetHashCode(), new[] { "a" }.ToValueList().GetHashCode());
        var item = Item(1, ItemProgress.ToCome);
        Assert.Equal(item, item with { Levers = ValueList<LiveLever>.Empty, Actions = ValueList<LiveAction>.Empty });
    }

    sealed class UnusedActionBoard : IActionBoard
    {
        public Task<long> AgreeAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, ActionInput input,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<long> ReassignAsync(Actor actor, Guid commandId, Guid meetingId, Guid actionId, ActionInput input, Guid expectedVersion,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    sealed class UnusedLeverBoard : ILeverBoard
    {
        public Task<long> AddAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, LeverInput lever,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<long> EditAsync(Actor actor, Guid commandId, Guid meetingId, Guid leverId, LeverInput lever, Guid expectedVersion,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<long> WithdrawAsync(Actor actor, Guid commandId, Guid meetingId, Guid leverId, Guid expectedVersion,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    sealed class ChairsOnlyReviewUpdates : IReviewUpdateService
    {
        public Task<ReviewUpdateView?> GetAsync(Actor actor, Guid agendaItemId, CancellationToken cancellationToken = default) =>
            actor.Is(Role.Chair)
                ? Task.FromResult<ReviewUpdateView?>(new ReviewUpdateView("DAPP-26-001", CaseWorkStatus.DirectContact,
                    EngagementStatus.Partially, 3, null, [new InterventionView(InterventionKind.Support, "IDVA service")],
                    [new SeverityRow("Sarah Primrose", Enum.GetValues<AbuseType>().ToDictionary(t => t, _ => AbuseSeverity.High))],
                    "Ravi Osprey", Now))
                : throw new AccessDeniedException("Only the case-management provider, chairs and administrators can read review updates.");

        public Task<ReviewItemsView> ListAsync(Actor actor, Guid meetingId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The live room only reads one update.");

        public Task<ReviewUpdateForm> GetFormAsync(Actor actor, Guid agendaItemId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The live room only reads one update.");

        public Task SaveAsync(Actor actor, ReviewUpdateInput input, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The live room only reads one update.");
    }

    sealed class AcceptingDecisions : IDecisionRecorder
    {
        public Task<long> RecordAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, DecisionInput input, Guid? expectedVersion,
            CancellationToken cancellationToken = default) => Task.FromResult(1L);
    }
}
