using DapPanel.Core.Sharing;
using Bunit;
using DapPanel.App.Features.LiveRoom;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.ReviewUpdates;
using DapPanel.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DapPanel.Tests.Components;

public class LiveRoomComponentsTests : BunitTest
{
    static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 30, 0, TimeSpan.Zero);
    static readonly Guid Police = Guid.NewGuid(), Probation = Guid.NewGuid(), Housing = Guid.NewGuid();
    readonly FakeTimeProvider clock = new(Now);

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IDecisionRecorder>(new AcceptingDecisions());
        services.AddSingleton<IReviewUpdateService>(new ChairsOnlyReviewUpdates());
    }

    static LiveCase Case(int n) => new(Guid.NewGuid(), $"DAPP-26-{n:000}", $"Person {n}", RiskLevel.High, ReferralSource.Police,
        CaseStatus.Referred, false, 1, VictimInformation.Shared([$"Victim {n}"], 2), "Concerns", "History", null, null, false, false);

    static LiveItem Item(int order, ItemProgress progress, int elapsedSeconds = 0, DateTimeOffset? timerStartedAt = null,
        LiveDecision? decision = null) =>
        new(Guid.NewGuid(), order, AgendaItemKind.NewReferral, 8, "Eligibility", progress, elapsedSeconds, timerStartedAt,
            Case(order), decision, [], []);

    LiveRoomState Room(Role role, Guid agency, params LiveItem[] items)
    {
        var actor = new Actor("user", Guid.NewGuid(), agency, "Tester", new HashSet<Role> { role });
        return new LiveRoomState(actor, (_, _) => Task.FromResult(true), clock)
        {
            View = new LiveMeetingView(Guid.NewGuid(), 10, "Croydon DAPP", MeetingStatus.Live, Now.AddMinutes(-30), 120, "Room",
                null, Now.AddMinutes(-30), items.FirstOrDefault(i => i.Progress == ItemProgress.Current)?.Id, items,
                [new AgencyAtTable(Police, "Police", AgencyKind.Police, []), new AgencyAtTable(Probation, "Probation", AgencyKind.Probation, []),
                 new AgencyAtTable(Housing, "Housing", AgencyKind.Housing, [])],
                [Police, Probation, Housing],
                [new PresentPerson(Guid.NewGuid(), "Chris Plover", Probation, "Probation", Now)]),
        };
    }

    IRenderedComponent<T> RenderIn<T>(LiveRoomState room, Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
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
    public void An_agency_member_sees_the_decision_but_cannot_change_it()
    {
        var decision = new LiveDecision(DecisionOutcome.Accept, "Eligible", null, null, null, "DI Sam Kestrel", Now, Guid.NewGuid());
        var item = Item(1, ItemProgress.Current, decision: decision);

        var cut = RenderIn<DecisionPanel>(Room(Role.AgencyMember, Probation, item), p => p.Add(x => x.Item, item));

        Assert.Contains("Eligible", cut.Find("[data-testid=decision-rationale]").TextContent);
        Assert.DoesNotContain("Change the decision", cut.Markup);
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
        public Task<long> RecordAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, DecisionInput input, Guid? expectedVersion) =>
            Task.FromResult(1L);
    }
}
