using System.Collections.Concurrent;
using Bunit;
using DapPanel.App.Features.LiveMeeting;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.ReviewUpdates;
using DapPanel.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DapPanel.Tests.Components;

/// <summary>
/// A form in the live room saves to the item it was opened on, whatever the screen shows by then, and says so plainly;
/// the decision form starts afresh (or with the recorded decision) for each item.
/// </summary>
public class LiveMeetingFormsTests : BunitTest
{
    static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 30, 0, TimeSpan.Zero);
    static readonly Guid Police = Guid.NewGuid(), Probation = Guid.NewGuid();
    readonly Recorded recorded = new();

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton<ILeverBoard>(recorded);
        services.AddSingleton<IActionBoard>(recorded);
        services.AddSingleton<IDecisionRecorder>(recorded);
        services.AddSingleton<IReviewUpdateService>(_ => throw new InvalidOperationException("No review items here."));
    }

    /// <summary>Every command the forms send, with the item or thing it names.</summary>
    sealed class Recorded : ILeverBoard, IActionBoard, IDecisionRecorder
    {
        public ConcurrentQueue<(string Command, Guid Target, object Input)> Commands { get; } = new();

        Task<long> Take(string command, Guid target, object input)
        {
            Commands.Enqueue((command, target, input));
            return Task.FromResult((long)Commands.Count);
        }

        public Task<long> AddAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, LeverInput lever, CancellationToken cancellationToken = default) =>
            Take("AddLever", itemId, lever);
        public Task<long> EditAsync(Actor actor, Guid commandId, Guid meetingId, Guid leverId, LeverInput lever, Guid expectedVersion, CancellationToken cancellationToken = default) =>
            Take("EditLever", leverId, (lever, expectedVersion));
        public Task<long> WithdrawAsync(Actor actor, Guid commandId, Guid meetingId, Guid leverId, Guid expectedVersion, CancellationToken cancellationToken = default) =>
            Take("WithdrawLever", leverId, expectedVersion);
        public Task<long> AgreeAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, ActionInput input, CancellationToken cancellationToken = default) =>
            Take("AgreeAction", itemId, input);
        public Task<long> ReassignAsync(Actor actor, Guid commandId, Guid meetingId, Guid actionId, ActionInput input, Guid expectedVersion, CancellationToken cancellationToken = default) =>
            Take("ReassignAction", actionId, (input, expectedVersion));
        public Task<long> RecordAsync(Actor actor, Guid commandId, Guid meetingId, Guid itemId, DecisionInput input, Guid? expectedVersion, CancellationToken cancellationToken = default) =>
            Take("RecordDecision", itemId, (input, expectedVersion));
    }

    static LiveItem Item(int order, ItemProgress progress) =>
        new(Guid.NewGuid(), order, AgendaItemKind.NewReferral, 8, "Eligibility", progress, 0, null,
            new LiveCase(Guid.NewGuid(), $"DAPP-26-{48 + order:000}", $"Lee Rowan {order}", RiskLevel.High, ReferralSource.Police,
                CaseStatus.Referred, false, 1, VictimInformation.Shared([$"Victim {order}"], 1), "Concerns", "History", null, null, false, false),
            null, ValueList<LiveLever>.Empty, ValueList<LiveAction>.Empty);

    LiveMeetingState Room(Role role, Guid agency, LiveItem[] items, int current)
    {
        var actor = new Actor("user", Guid.NewGuid(), agency, "Tester", new HashSet<Role> { role });
        return new LiveMeetingState(actor, async (command, _) => { await command(Guid.NewGuid()); return true; }, new FakeTimeProvider(Now))
        {
            View = View(items, current),
        };
    }

    static LiveMeetingView View(LiveItem[] items, int current) =>
        new(Guid.NewGuid(), 10, "Croydon DAPP", MeetingStatus.Live, Now.AddMinutes(-30), 120, "Room", null, Now.AddMinutes(-30),
            items[current].Id, items,
            [new AgencyAtTable(Police, "Police", AgencyKind.Police, []), new AgencyAtTable(Probation, "Probation", AgencyKind.Probation, [])],
            [Police, Probation], []) { ChairsOrAdministers = true };

    /// <summary>The chair presses Next item: every page following the chair now shows the next item.</summary>
    static void MoveOn<T>(IRenderedComponent<T> cut, LiveMeetingState room, LiveItem[] items, int to, Action<ComponentParameterCollectionBuilder<T>> item)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        room.View = room.View with { CurrentItemId = items[to].Id };
        cut.Render(item);
    }

    IRenderedComponent<T> RenderIn<T>(LiveMeetingState room, Action<ComponentParameterCollectionBuilder<T>> parameters)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        Render<T>(p =>
        {
            p.AddCascadingValue(room);
            parameters(p);
        });

    [Fact]
    public void An_open_lever_form_stays_with_its_case_when_the_chair_moves_on_and_saves_there()
    {
        LiveItem[] items = [Item(4, ItemProgress.Current), Item(5, ItemProgress.ToCome)];
        var room = Room(Role.AgencyMember, Probation, items, current: 0);
        var cut = RenderIn<LeversPanel>(room, p => p.Add(x => x.Item, items[0]));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Offer a lever")).Click();
        Assert.Empty(cut.FindAll("[data-testid=form-moved-on]"));
        cut.Find("[data-testid=lever-form] textarea").Input("Supervising officer can arrange a joint visit");

        MoveOn(cut, room, items, 1, p => p.Add(x => x.Item, items[1]));

        Assert.Equal("Supervising officer can arrange a joint visit", cut.Find("[data-testid=lever-form] textarea").GetAttribute("value"));
        Assert.Equal("You are adding a lever to DAPP-26-052 Lee Rowan 4 (item 4) — the panel has moved on to item 5. Saving here saves to DAPP-26-052.",
            Normalised(cut.Find("[data-testid=form-moved-on]").TextContent));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Offer lever")).Click();

        var (command, target, input) = Assert.Single(recorded.Commands);
        Assert.Equal(("AddLever", items[0].Id), (command, target));
        Assert.Equal("Supervising officer can arrange a joint visit", ((LeverInput)input).Description);
    }

    [Fact]
    public void An_open_action_form_stays_with_its_case_when_the_chair_moves_on_and_saves_there()
    {
        LiveItem[] items = [Item(4, ItemProgress.Current), Item(5, ItemProgress.ToCome)];
        var room = Room(Role.Chair, Police, items, current: 0);
        var cut = RenderIn<ActionsPanel>(room, p => p.Add(x => x.Item, items[0]));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Agree an action")).Click();
        cut.Find("[data-testid=action-form] textarea").Input("Police to check bail conditions");

        MoveOn(cut, room, items, 1, p => p.Add(x => x.Item, items[1]));

        Assert.Contains("You are adding an action to DAPP-26-052 Lee Rowan 4 (item 4) — the panel has moved on to item 5",
            Normalised(cut.Find("[data-testid=form-moved-on]").TextContent));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Add action")).Click();

        var (command, target, input) = Assert.Single(recorded.Commands);
        Assert.Equal(("AgreeAction", items[0].Id), (command, target));
        Assert.Equal("Police to check bail conditions", ((ActionInput)input).Description);
    }

    [Fact]
    public void A_lever_being_changed_keeps_the_version_it_was_opened_on()
    {
        var item = Item(4, ItemProgress.Current);
        var lever = new LiveLever(Guid.NewGuid(), Probation, "Probation", LeverFamily.Support, LeverArea.Housing, "Tenancy", false, true, Guid.NewGuid());
        item = item with { Levers = new[] { lever }.ToValueList() };
        var room = Room(Role.AgencyMember, Probation, [item], current: 0);
        var cut = RenderIn<LeversPanel>(room, p => p.Add(x => x.Item, item));
        cut.Find("[aria-label='Change this lever']").Click();

        // Someone else changes it meanwhile: the form must not take their version as its own.
        var changed = item with { Levers = new[] { lever with { Description = "Changed elsewhere", Version = Guid.NewGuid() } }.ToValueList() };
        room.View = room.View with { Items = [changed] };
        cut.Render(p => p.Add(x => x.Item, changed));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Save change")).Click();

        var (command, target, input) = Assert.Single(recorded.Commands);
        Assert.Equal(("EditLever", lever.Id, lever.Version), (command, target, ((LeverInput, Guid))input is var (_, version) ? version : default));
    }

    [Fact]
    public void The_decision_form_starts_empty_on_the_next_item_and_keeps_the_first_items_draft()
    {
        LiveItem[] items = [Item(4, ItemProgress.Current), Item(5, ItemProgress.ToCome)];
        var room = Room(Role.Chair, Police, items, current: 0);
        var cut = RenderIn<DecisionPanel>(room, p => p.Add(x => x.Item, items[0]));
        cut.Find("[data-testid=decision-form] textarea").Input("Half-written rationale for item 4");

        MoveOn(cut, room, items, 1, p => p.Add(x => x.Item, items[1]));

        Assert.Equal(items[1].Id.ToString(), cut.Find("[data-testid=decision-form]").GetAttribute("data-item"));
        Assert.True(string.IsNullOrEmpty(cut.Find("[data-testid=decision-form] textarea").GetAttribute("value")));
        Assert.Empty(cut.FindAll("[data-testid=decision-conflict]"));
        cut.Find("[data-testid=decision-form] textarea").Input("Eligible");
        cut.FindAll("button").Single(b => b.TextContent.Contains("Record decision")).Click();
        var (command, target, input) = Assert.Single(recorded.Commands);
        Assert.Equal(("RecordDecision", items[1].Id), (command, target));
        Assert.Equal(("Eligible", (Guid?)null), (((DecisionInput, Guid?))input) is var (decision, version) ? (decision.Rationale, version) : default);

        cut.Render(p => p.Add(x => x.Item, items[0]));
        Assert.Equal("Half-written rationale for item 4", cut.Find("[data-testid=decision-form] textarea").GetAttribute("value"));
    }

    [Fact]
    public void The_decision_form_opens_with_the_recorded_decision_of_the_item_shown()
    {
        var decided = Item(4, ItemProgress.Heard) with
        {
            Decision = new LiveDecision(DecisionOutcome.NotSuitable, "Too dangerous for case managers", null, null, null, "Morgan Wren", Now, Guid.NewGuid()),
        };
        var next = Item(5, ItemProgress.Current);
        var room = Room(Role.Chair, Police, [decided, next], current: 1);
        var cut = RenderIn<DecisionPanel>(room, p => p.Add(x => x.Item, next));
        cut.Find("[data-testid=decision-form] textarea").Input("Draft for item 5");

        cut.Render(p => p.Add(x => x.Item, decided));
        cut.FindAll("button").Single(b => b.TextContent.Contains("Change the decision")).Click();

        Assert.Equal("Too dangerous for case managers", cut.Find("[data-testid=decision-form] textarea").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=decision-conflict]"));
    }

    static string Normalised(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
