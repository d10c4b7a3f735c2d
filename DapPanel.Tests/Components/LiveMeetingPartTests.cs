using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Bunit;
using DapPanel.App.Features.LiveMeeting;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.ReviewUpdates;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DapPanel.Tests.Components;

/// <summary>
/// Each part of the room renders again only when what it shows has changed (LiveMeetingPart.RenderedFrom, listed by
/// hand). This holds that list to the markup: for every value in the room's view, changed one at a time (found by
/// walking the view's records, so a field added later is changed too), a part rendered before and brought up to
/// date shows exactly what a part rendered afresh shows. A field left out of a part's list fails here.
/// </summary>
public partial class LiveMeetingPartTests : BunitTest
{
    static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 30, 0, TimeSpan.Zero);
    static readonly Guid Police = Guid.NewGuid(), Probation = Guid.NewGuid();

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton(NothingSaved.Of<ILeverBoard>());
        services.AddSingleton(NothingSaved.Of<IActionBoard>());
        services.AddSingleton(NothingSaved.Of<IDecisionRecorder>());
        services.AddSingleton(NothingSaved.Of<IMeetingFlow>());
        services.AddSingleton(NothingSaved.Of<IReviewUpdateService>());
    }

    /// <summary>A service the parts may be given but this test never calls.</summary>
    public class NothingSaved : DispatchProxy
    {
        public static T Of<T>() where T : class => Create<T, NothingSaved>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException($"{targetMethod?.Name} is not called when a part only renders.");
    }

    static LiveMeetingView Meeting()
    {
        var lever = new LiveLever(Guid.NewGuid(), Probation, "Probation", LeverFamily.Support, LeverArea.Housing, "Tenancy support", false, true, Guid.NewGuid());
        var action = new LiveAction(Guid.NewGuid(), "Check bail conditions", Police, "Police", null, null, new DateOnly(2026, 12, 22),
            ActionStatus.Open, true, false, Guid.NewGuid());
        var decision = new LiveDecision(DecisionOutcome.Review, "More information", null, new DateOnly(2027, 1, 5), null, "Morgan Wren", Now, Guid.NewGuid());
        LiveItem Item(int order, ItemProgress progress, LiveDecision? decided = null) =>
            new(Guid.NewGuid(), order, AgendaItemKind.NewReferral, 8, "Eligibility", progress, 90, Now.AddMinutes(-2),
                new LiveCase(Guid.NewGuid(), $"DAPP-26-{order:000}", $"Person {order}", RiskLevel.High, ReferralSource.Police, CaseStatus.Referred,
                    false, 1, VictimInformation.Shared([$"Victim {order}"], 2), "Concerns", "History", new DateOnly(2026, 6, 1),
                    new DateOnly(2026, 9, 1), false, false),
                decided, new[] { lever }.ToValueList(), new[] { action }.ToValueList());
        LiveItem[] items = [Item(1, ItemProgress.Current, decision), Item(2, ItemProgress.ToCome)];
        return new LiveMeetingView(Guid.NewGuid(), 10, "Croydon DAPP", MeetingStatus.Live, Now.AddMinutes(-30), 120, "Room 2", null,
            Now.AddMinutes(-30), items[0].Id, items,
            [new AgencyAtTable(Police, "Police", AgencyKind.Police, [new PersonOption(Guid.NewGuid(), "Sam Kestrel")]),
             new AgencyAtTable(Probation, "Probation", AgencyKind.Probation, [])],
            [Police, Probation], [new PresentPerson(Guid.NewGuid(), "Chris Plover", Probation, "Probation", Now)]) { ChairsOrAdministers = true };
    }

    /// <summary>Each part of the room and how it is given what it shows (read from the room each time it renders).</summary>
    static readonly Dictionary<string, Func<LiveMeetingState, RenderFragment>> Parts = new()
    {
        ["LiveHeader"] = room => Of<LiveHeader>(),
        ["AgendaProgress"] = room => Of<AgendaProgress>(("SelectedItemId", (Guid?)room.View.Items[0].Id)),
        ["PresencePanel"] = room => Of<PresencePanel>(),
        ["LeversPanel"] = room => Of<LeversPanel>(("Item", room.View.Items[0])),
        ["LeverRow"] = room => Of<LeverRow>(("Lever", room.View.Items[0].Levers.FirstOrDefault())),
        ["ActionsPanel"] = room => Of<ActionsPanel>(("Item", room.View.Items[0])),
        ["DecisionPanel"] = room => Of<DecisionPanel>(("Item", room.View.Items[0])),
        ["CaseSummaryCard"] = room => Of<CaseSummaryCard>(("Item", room.View.Items[0])),
        ["ItemTimer"] = room => Of<ItemTimer>(("Item", room.View.Items[0])),
    };

    static RenderFragment Of<T>(params (string Name, object? Value)[] parameters) where T : IComponent => builder =>
    {
        // A lever row is only rendered for a lever that is there.
        if (parameters.Any(p => p.Value is null)) return;
        builder.OpenComponent<T>(0);
        foreach (var (name, value) in parameters) builder.AddComponentParameter(1, name, value);
        builder.CloseComponent();
    };

    (Func<string> Markup, Action Render) Part(string part, LiveMeetingState room)
    {
        var host = Render<PartHost>(p => p.Add(x => x.Room, room).Add(x => x.Content, () => Parts[part](room)));
        return (() => host.Markup, () => host.Render());
    }

    public static TheoryData<string, Role> PartsAndRoles()
    {
        var data = new TheoryData<string, Role>();
        foreach (var part in Parts.Keys)
            foreach (var role in new[] { Role.Chair, Role.AgencyMember })
                data.Add(part, role);
        return data;
    }

    [Theory]
    [MemberData(nameof(PartsAndRoles))]
    public void A_part_brought_up_to_date_shows_what_a_fresh_one_shows_whatever_changed(string part, Role role)
    {
        var original = Meeting();
        var missed = new List<string>();
        foreach (var (path, changed) in Changes(original))
        {
            var actor = new Actor("user", Guid.NewGuid(), Probation, "Tester", new HashSet<Role> { role });
            var room = new LiveMeetingState(actor, (_, _) => Task.FromResult(true), new FakeTimeProvider(Now)) { View = original };
            var kept = Part(part, room);
            // Once more as it was: a part's first render is never skipped, so its gate is shut only from here on.
            kept.Render();
            room.View = changed;
            kept.Render();
            var keptMarkup = kept.Markup();

            var freshRoom = new LiveMeetingState(actor, (_, _) => Task.FromResult(true), new FakeTimeProvider(Now)) { View = changed };
            var fresh = Part(part, freshRoom);
            if (Normalised(keptMarkup) != Normalised(fresh.Markup())) missed.Add(path);
        }
        Assert.True(missed.Count == 0, $"{part} did not show a change to: {string.Join(", ", missed)}");
    }

    [Fact]
    public void The_walk_changes_the_values_each_part_shows()
    {
        var paths = Changes(Meeting()).Select(c => c.Path).ToList();
        Assert.Contains("Items[0].Case.Summary", paths);
        Assert.Contains("Items[0].Levers[0].Description", paths);
        Assert.Contains("Items[0].Actions[0].DueOn", paths);
        Assert.Contains("Items[0].Decision.Rationale", paths);
        Assert.Contains("Present[0].FullName", paths);
        Assert.Contains("CurrentItemId", paths);
        Assert.True(paths.Count > 60, $"Only {paths.Count} changes were made.");
    }

    /// <summary>The view with one value changed, for every value reachable through its records and lists.</summary>
    static IEnumerable<(string Path, LiveMeetingView Changed)> Changes(LiveMeetingView view)
    {
        foreach (var (path, changed) in ChangesOf(view, ""))
            yield return (path, (LiveMeetingView)changed);
        // One more item on the agenda, and one fewer.
        yield return ("Items+", view with { Items = view.Items.Append(view.Items[1] with { Id = Guid.NewGuid(), Order = 3 }).ToValueList() });
        yield return ("Items-", view with { Items = view.Items.Take(1).ToValueList() });
    }

    static IEnumerable<(string Path, object Changed)> ChangesOf(object record, string prefix)
    {
        foreach (var property in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var path = prefix + property.Name;
            var value = property.GetValue(record);
            foreach (var changedValue in ChangedValues(value, property.PropertyType, path))
            {
                var copy = Clone(record);
                property.SetValue(copy, changedValue.Value);
                yield return (changedValue.Path, copy);
            }
        }
    }

    static IEnumerable<(string Path, object? Value)> ChangedValues(object? value, Type type, string path)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        if (path == "MeetingId" || path.EndsWith(".Id") && !path.Contains("Items[")) yield break; // identity of the meeting itself
        if (plain == typeof(string)) { yield return (path, (value as string ?? "") + " changed"); yield break; }
        if (plain == typeof(int)) { yield return (path, (int)(value ?? 0) + 1); yield break; }
        if (plain == typeof(long)) { yield return (path, (long)(value ?? 0L) + 1); yield break; }
        if (plain == typeof(bool)) { yield return (path, !(bool)(value ?? false)); yield break; }
        if (plain == typeof(Guid))
        {
            if (path == "CurrentItemId") yield return (path, null);
            yield return (path, Guid.NewGuid());
            yield break;
        }
        if (plain == typeof(DateTimeOffset)) { yield return (path, ((DateTimeOffset?)value ?? Now).AddMinutes(61)); yield break; }
        if (plain == typeof(DateOnly)) { yield return (path, ((DateOnly?)value ?? new DateOnly(2026, 12, 20)).AddDays(1)); yield break; }
        if (plain.IsEnum)
        {
            var values = Enum.GetValues(plain).Cast<object>().ToList();
            var next = values[(values.IndexOf(value ?? values[0]) + 1) % values.Count];
            yield return (path, next);
            yield break;
        }
        if (value is null) yield break;
        if (value is IEnumerable enumerable && type.IsGenericType)
        {
            var list = enumerable.Cast<object>().ToList();
            var element = type.GetGenericArguments()[0];
            if (list.Count > 0 && IsRecord(element))
                foreach (var (elementPath, changedElement) in ChangesOf(list[0]!, $"{path}[0]."))
                    yield return (elementPath, Replace(list, element, 0, changedElement));
            if (list.Count > 0) yield return (path + "-", Replace(list, element, 0, null));
            yield break;
        }
        if (IsRecord(plain))
            foreach (var (inner, changed) in ChangesOf(value, path + "."))
                yield return (inner, changed);
    }

    static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null;

    static object Clone(object record) => record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;

    /// <summary>The list with one element replaced (or removed when null), as the same kind of list the view holds.</summary>
    static object Replace(List<object> list, Type element, int index, object? with)
    {
        var items = list.ToList();
        if (with is null) items.RemoveAt(index);
        else items[index] = with;
        var typed = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var item in items) typed.Add(item);
        var toValueList = typeof(ValueListExtensions).GetMethods().Single(m => m.Name == "ToValueList").MakeGenericMethod(element);
        return toValueList.Invoke(null, [typed])!;
    }

    // MudBlazor gives its inputs fresh ids on each new component, and bUnit writes each event handler's number into
    // the markup: neither is what a part shows.
    static string Normalised(string markup) => MudIds().Replace(markup, "id");

    [GeneratedRegex(@"mudinput-?[0-9a-z\-]{8,36}|mud-[a-z\-]*[0-9a-f]{8}-[0-9a-f\-]{27}|_bl_[0-9a-f\-]{36}|blazor:[A-Za-z:]+=""[^""]*""")]
    private static partial Regex MudIds();

    /// <summary>Renders one part under a room that can change: rendering the host again is what a new view does in the page.</summary>
    sealed class PartHost : ComponentBase
    {
        [Parameter] public Func<RenderFragment> Content { get; set; } = () => _ => { };
        [Parameter] public LiveMeetingState Room { get; set; } = default!;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenComponent<CascadingValue<LiveMeetingState>>(0);
            builder.AddComponentParameter(1, "Value", Room);
            builder.AddComponentParameter(2, "IsFixed", false);
            builder.AddComponentParameter(3, "ChildContent", Content());
            builder.CloseComponent();
        }
    }
}
