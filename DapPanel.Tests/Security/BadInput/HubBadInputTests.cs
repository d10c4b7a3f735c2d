using System.Net;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Security.Matrix;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.Security.BadInput;

/// <summary>Hostile text, wrong ids, unknown values and replays sent to the live meeting's hub.</summary>
[Collection(MatrixCollection.Name)]
[Trait("Category", "Slow")]
public class HubBadInputTests(MatrixWorld world)
{
    /// <summary>The hub refuses a message bigger than this outright (HostingServices), by closing the connection.</summary>
    const int HubMessageLimit = 32 * 1024;

    public static TheoryData<string, int> TextCases() =>
        HostileText.For("AddLever", "EditLever", "AgreeAction", "RecordDecision");

    [Theory]
    [MemberData(nameof(TextCases))]
    public async Task A_live_text_field_takes_hostile_text_safely(string method, int input)
    {
        var (name, value) = HostileText.All[input];
        var meeting = world.LiveMeeting;
        var item = meeting.ItemIds[0];
        var chairAgency = world.AgencyOf[Persona.Chair];
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(60));
        await using var chair = await ChairAsync();
        var leverId = method == "EditLever" ? await NewLeverAsync(chair) : Guid.Empty;
        var before = await RowsAsync();

        object?[] arguments = method switch
        {
            "AddLever" => [Guid.NewGuid(), meeting.Id, item, new LeverInput(chairAgency, LeverFamily.Support, LeverArea.Housing, value)],
            "EditLever" => [Guid.NewGuid(), meeting.Id, leverId, new LeverInput(chairAgency, LeverFamily.Support, LeverArea.Housing, value),
                await world.VersionOfLeverAsync(leverId)],
            "AgreeAction" => [Guid.NewGuid(), meeting.Id, item, new ActionInput(value, chairAgency, null, due)],
            _ => [Guid.NewGuid(), meeting.Id, item, new DecisionInput(DecisionOutcome.Review, value, ReviewOn: due), null],
        };
        var (refusal, dropped) = await InvokeAsync(chair, method, arguments);

        if (value.Length > HubMessageLimit)
        {
            Assert.True(dropped, $"{method} with {name}: an oversized message should be refused at the door.");
            await using var again = await ChairAsync();
            await again.JoinAsync(meeting.Id); // the server is still there for the next message
        }
        else if (refusal is not null) HostileText.AssertClear(refusal);
        if (PlainText.IsBlank(value)) Assert.NotNull(refusal);
        if (refusal is not null || dropped) Assert.Equal(before, await RowsAsync());
        await AssertStoredCleanAsync();
    }

    public static TheoryData<string> WrongCases() => new(WrongCalls.Keys);

    /// <summary>Ids from other meetings, ids of nothing, values outside every list, dates out of range.</summary>
    static readonly Dictionary<string, Func<MatrixWorld, Task<(string Method, object?[] Arguments)>>> WrongCalls = new()
    {
        ["a lever on another meeting's item"] = async w => ("AddLever", [Guid.NewGuid(), w.LiveMeeting.Id, await UpcomingItemAsync(w), Lever(w)]),
        ["a lever on an item that does not exist"] = w => Call("AddLever", Guid.NewGuid(), w.LiveMeeting.Id, Guid.NewGuid(), Lever(w)),
        ["a lever in a meeting that does not exist"] = w => Call("AddLever", Guid.NewGuid(), Guid.NewGuid(), w.LiveMeeting.ItemIds[0], Lever(w)),
        ["a lever in a closed meeting"] = w => Call("AddLever", Guid.NewGuid(), w.ClosedMeetingId, w.LiveMeeting.ItemIds[0], Lever(w)),
        ["a lever of an unknown family"] = w => Call("AddLever", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new LeverInput(w.AgencyOf[Persona.Chair], (LeverFamily)99, LeverArea.Housing, "Tenancy")),
        ["a lever of an unknown area"] = w => Call("AddLever", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new LeverInput(w.AgencyOf[Persona.Chair], LeverFamily.Support, (LeverArea)999, "Tenancy")),
        ["a lever whose area is not of its family"] = w => Call("AddLever", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new LeverInput(w.AgencyOf[Persona.Chair], LeverFamily.Support, LeverArea.BreachOfOrders, "Recall")),
        ["a lever of no agency"] = w => Call("AddLever", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new LeverInput(Guid.Empty, LeverFamily.Support, LeverArea.Housing, "Tenancy")),
        ["a lever of an agency that does not exist"] = w => Call("AddLever", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new LeverInput(Guid.NewGuid(), LeverFamily.Support, LeverArea.Housing, "Tenancy")),
        ["a lever of an agency not on the panel"] = w => Call("AddLever", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new LeverInput(w.AgencyOf[Persona.Outsider], LeverFamily.Support, LeverArea.Housing, "Tenancy")),
        ["a lever with no details"] = w => Call("AddLever", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0], null),
        ["editing a lever that does not exist"] = w => Call("EditLever", Guid.NewGuid(), w.LiveMeeting.Id, Guid.NewGuid(), Lever(w), Guid.NewGuid()),
        ["editing a lever with a stale version"] = w => Call("EditLever", Guid.NewGuid(), w.LiveMeeting.Id, w.ProbationLeverId, Lever(w), Guid.NewGuid()),
        ["withdrawing a lever from the wrong meeting"] = w => Call("WithdrawLever", Guid.NewGuid(), w.ClosedMeetingId, w.ProbationLeverId, Guid.NewGuid()),
        ["a decision of an unknown outcome"] = w => Call("RecordDecision", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[1],
            new DecisionInput((DecisionOutcome)42, "Because"), null),
        ["a closure for an unknown reason"] = w => Call("RecordDecision", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[1],
            new DecisionInput(DecisionOutcome.Close, "Because", (ClosureReason)77), null),
        ["a review dated before the meeting"] = w => Call("RecordDecision", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[1],
            new DecisionInput(DecisionOutcome.Review, "Because", ReviewOn: new DateOnly(2001, 1, 1)), null),
        ["a decision on another meeting's item"] = async w => ("RecordDecision",
            [Guid.NewGuid(), w.LiveMeeting.Id, await UpcomingItemAsync(w), new DecisionInput(DecisionOutcome.Accept, "Because"), null]),
        ["a decision with no details"] = w => Call("RecordDecision", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[1], null, null),
        ["an action due at the start of time"] = w => Call("AgreeAction", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new ActionInput("Visit", w.AgencyOf[Persona.Chair], null, DateOnly.MinValue)),
        ["an action with no due date"] = w => Call("AgreeAction", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new ActionInput("Visit", w.AgencyOf[Persona.Chair], null, null)),
        ["an action owned by someone of another agency"] = async w => ("AgreeAction", [Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new ActionInput("Visit", w.AgencyOf[Persona.Chair], await PersonOfAsync(w, Persona.PanelMember), Due)]),
        ["an action owned by a person who does not exist"] = w => Call("AgreeAction", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new ActionInput("Visit", w.AgencyOf[Persona.Chair], Guid.NewGuid(), Due)),
        ["an action for an agency not on the panel"] = w => Call("AgreeAction", Guid.NewGuid(), w.LiveMeeting.Id, w.LiveMeeting.ItemIds[0],
            new ActionInput("Visit", w.AgencyOf[Persona.Outsider], null, Due)),
        ["moving to another meeting's item"] = async w => ("MoveToItem", [Guid.NewGuid(), w.LiveMeeting.Id, await UpcomingItemAsync(w)]),
        ["deferring an item that does not exist"] = w => Call("DeferItem", Guid.NewGuid(), w.LiveMeeting.Id, Guid.NewGuid()),
        ["changes since a version from the future"] = w => Call("ChangesSince", w.LiveMeeting.Id, long.MaxValue),
        ["changes since a negative version"] = w => Call("ChangesSince", w.LiveMeeting.Id, -5L),
    };

    [Theory]
    [MemberData(nameof(WrongCases))]
    public async Task A_wrong_id_or_value_is_refused_plainly_and_stores_nothing(string wrong)
    {
        await using var chair = await ChairAsync();
        var (method, arguments) = await WrongCalls[wrong](world);
        var before = await RowsAsync();

        var (refusal, dropped) = await InvokeAsync(chair, method, arguments);

        Assert.False(dropped);
        if (method != "ChangesSince")
        {
            Assert.True(refusal is not null, $"The hub took {wrong}.");
            HostileText.AssertClear(refusal);
        }
        Assert.Equal(before, await RowsAsync());
    }

    [Fact]
    public async Task A_replayed_command_changes_the_meeting_once()
    {
        await using var chair = await ChairAsync();
        var command = Guid.NewGuid();
        var lever = new LeverInput(world.AgencyOf[Persona.Chair], LeverFamily.Support, LeverArea.Housing, "Replayed lever " + command);
        var before = await RowsAsync();

        var first = await chair.Connection.InvokeAsync<long>("AddLever", command, world.LiveMeeting.Id, world.LiveMeeting.ItemIds[0], lever);
        var second = await chair.Connection.InvokeAsync<long>("AddLever", command, world.LiveMeeting.Id, world.LiveMeeting.ItemIds[0], lever);

        Assert.Equal(first, second);
        Assert.Equal(before.Levers + 1, (await RowsAsync()).Levers);
    }

    static readonly DateOnly Due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(60));

    static LeverInput Lever(MatrixWorld w) => new(w.AgencyOf[Persona.Chair], LeverFamily.Support, LeverArea.Housing, "Tenancy support");

    static Task<(string, object?[])> Call(string method, params object?[] arguments) => Task.FromResult((method, arguments));

    static Task<Guid> UpcomingItemAsync(MatrixWorld w) =>
        w.Server.ReadAsync(db => db.AgendaItems.Where(i => i.MeetingId == w.UpcomingMeetingId).Select(i => i.Id).FirstAsync());

    static Task<Guid> PersonOfAsync(MatrixWorld w, Persona persona) =>
        w.Server.ReadAsync(db => db.People.Where(p => p.Email == persona.Email()).Select(p => p.Id).SingleAsync());

    async Task<MeetingClient> ChairAsync() => await MeetingClient.ConnectAsync(world.Server, await world.SessionAsync(Persona.Chair));

    async Task<Guid> NewLeverAsync(MeetingClient chair)
    {
        var description = "Lever to edit " + Guid.NewGuid();
        await chair.Connection.InvokeAsync<long>("AddLever", Guid.NewGuid(), world.LiveMeeting.Id, world.LiveMeeting.ItemIds[0],
            new LeverInput(world.AgencyOf[Persona.Chair], LeverFamily.Support, LeverArea.Housing, description));
        return await world.Server.ReadAsync(db => db.Levers.Where(l => l.Description == description).Select(l => l.Id).SingleAsync());
    }

    /// <summary>The message the hub sent back, or whether it dropped the connection instead.</summary>
    static async Task<(string? Refusal, bool Dropped)> InvokeAsync(MeetingClient client, string method, object?[] arguments)
    {
        try
        {
            await client.Connection.InvokeCoreAsync(method, typeof(object), arguments);
            return (null, false);
        }
        catch (HubException refusal)
        {
            if (HubRefusal.IsDroppedConnection(refusal)) return (null, true);
            var message = HubRefusal.MessageOf(refusal);
            Assert.True(message is not null, $"{method} failed on the server: {refusal.Message}");
            return (message, false);
        }
        catch (Exception closed) when (closed is TaskCanceledException or InvalidOperationException or WebException)
        {
            return (null, true);
        }
    }

    sealed record Rows(int Levers, int Actions, int Decisions, int Changes);

    Task<Rows> RowsAsync() => world.Server.ReadAsync(async db => new Rows(
        await db.Levers.CountAsync(), await db.Actions.CountAsync(), await db.Decisions.CountAsync(), await db.MeetingChanges.CountAsync()));

    async Task AssertStoredCleanAsync()
    {
        var texts = await world.Server.ReadAsync(async db =>
            (await db.Levers.Where(l => l.MeetingId == world.LiveMeeting.Id).Select(l => l.Description).ToListAsync())
            .Concat(await db.Actions.Where(a => world.LiveMeeting.ItemIds.Contains(a.AgendaItemId)).Select(a => a.Description).ToListAsync())
            .Concat(await db.Decisions.Where(d => world.LiveMeeting.ItemIds.Contains(d.AgendaItemId)).Select(d => d.Rationale).ToListAsync())
            .ToList());
        foreach (var text in texts) HostileText.AssertStorable(text);
    }
}
