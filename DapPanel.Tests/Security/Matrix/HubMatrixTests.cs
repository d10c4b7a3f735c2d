using System.Reflection;
using System.Text.Json;
using DapPanel.App.Hubs;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DapPanel.Tests.Security.Matrix;

/// <summary>Every hub method against every signed-in persona, on a live meeting the matrix owns.</summary>
[Collection(MatrixCollection.Name)]
public class HubMatrixTests(MatrixWorld world) : IAsyncLifetime
{
    readonly Dictionary<Persona, MeetingClient> clients = [];

    public static TheoryData<string> Methods() => new(AccessRules.HubMethods.Keys);

    [Fact]
    public void Every_hub_method_has_a_rule()
    {
        var methods = HubMethodsOf(typeof(MeetingHub)).Select(m => m.Name).ToHashSet();

        Assert.Empty(methods.Except(AccessRules.HubMethods.Keys));
        Assert.Empty(AccessRules.HubMethods.Keys.Except(methods));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task A_hub_method_serves_exactly_the_people_its_rule_names(string method)
    {
        var parameters = HubMethodsOf(typeof(MeetingHub)).Single(m => m.Name == method).GetParameters();
        // The chair goes last, so what the chair may do does not change the meeting under everyone else.
        foreach (var persona in Personas.SignedIn.OrderBy(p => p == Persona.Chair))
        {
            var client = clients[persona];
            await TryAsync(() => client.Connection.InvokeAsync("AcknowledgeConfidentiality", world.LiveMeeting.Id));
            var arguments = await Task.WhenAll(parameters.Select(p => ArgumentAsync(method, p, persona)));

            var (result, refusal) = await TryAsync(() => client.Connection.InvokeCoreAsync(method, typeof(JsonElement), arguments));

            var allowed = AccessRules.HubMethods[method].Contains(persona);
            Assert.False(refusal?.StartsWith("server error") == true, $"{persona} calling {method} hit a server error: {refusal}");
            var refused = refusal is not null && AccessRules.IsRefusal(refusal);
            Assert.True(refused != allowed,
                $"{persona} calling {method}: expected {(allowed ? "allowed" : "refused")}, got {(refused ? "refused" : "allowed")} ({refusal ?? "no error"})");
            if (result is JsonElement answer && !persona.SeesVictimDetails())
                foreach (var name in world.VictimNames)
                    Assert.DoesNotContain(name, answer.GetRawText());
            if (result is JsonElement any)
                foreach (var where in world.VictimAddressesAndContacts)
                    Assert.DoesNotContain(where, any.GetRawText());
            foreach (var caseText in world.CaseTexts.Where(_ => refused))
                Assert.DoesNotContain(caseText, refusal);
        }
    }

    async Task<object?> ArgumentAsync(string method, ParameterInfo parameter, Persona persona)
    {
        var meeting = world.LiveMeeting;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var own = world.AgencyOf[persona];
        var probation = world.AgencyOf[Persona.PanelMember];
        return (parameter.Name, method) switch
        {
            ("commandId", _) => Guid.NewGuid(),
            ("meetingId", "CloseMeeting") => world.MeetingToClose,
            ("meetingId", _) => meeting.Id,
            ("itemId", "MoveToItem") => meeting.ItemIds[1],
            ("itemId", "DeferItem") => meeting.ItemIds[2],
            ("itemId", _) => meeting.ItemIds[0],
            ("leverId", _) => world.ProbationLeverId,
            ("actionId", _) => world.ProbationActionId,
            ("expectedVersion", "EditLever" or "WithdrawLever") => await world.VersionOfLeverAsync(world.ProbationLeverId),
            ("expectedVersion", "ReassignAction") => await world.VersionOfActionAsync(world.ProbationActionId),
            ("expectedVersion", _) => null,
            ("lever", "EditLever") => new LeverInput(probation, LeverFamily.Disrupt, LeverArea.BreachOfOrders, "Recall on any breach"),
            ("lever", _) => new LeverInput(own, LeverFamily.Support, LeverArea.Housing, "Tenancy support offered"),
            ("action", "ReassignAction") => new ActionInput("Check licence compliance", probation, null, today.AddDays(60)),
            ("action", _) => new ActionInput("Share records before the review", own, null, today.AddDays(60)),
            ("decision", _) => new DecisionInput(DecisionOutcome.Review, "Bring back once housing has replied", ReviewOn: today.AddDays(28)),
            ("version" or "atLeastVersion", _) => 0L,
            _ => throw new InvalidOperationException($"The matrix has no value for {method}'s parameter {parameter.Name}."),
        };
    }

    static async Task<(object? Result, string? Refusal)> TryAsync(Func<Task<object?>> call)
    {
        try
        {
            return (await call(), null);
        }
        catch (HubException refusal)
        {
            return (null, HubRefusal.MessageOf(refusal) ?? "server error: " + refusal.Message);
        }
    }

    static Task<(object? Result, string? Refusal)> TryAsync(Func<Task> call) => TryAsync(async () =>
    {
        await call();
        return (object?)null;
    });

    static IEnumerable<MethodInfo> HubMethodsOf(Type hub) =>
        hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)));

    public async Task InitializeAsync()
    {
        foreach (var persona in Personas.SignedIn)
            clients[persona] = await MeetingClient.ConnectAsync(world.Server, await world.SessionAsync(persona));
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients.Values) await client.DisposeAsync();
    }
}
