using System.Collections.Concurrent;
using System.Diagnostics;
using CsCheck;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>
/// A chair, a co-chair and three agencies use one live room at random, through the Core services and the hub: moving
/// on while others add to an earlier item, retrying, reusing ids with other content, deciding at the same moment,
/// catching up after a dropped connection, and changes saved elsewhere. After every step: every lever, action and
/// decision is on the case its author addressed; nothing is stored for a refused command; versions only increase;
/// every watcher's view comes to equal a fresh read. Seeded by CsCheck: a failure prints the seed, and
/// DAPPANEL_ROOM_SEED=&lt;seed&gt; replays it.
/// </summary>
[Collection(LiveServerCollection.Name)]
[Trait("Category", "Slow")]
public class LiveRoomModelTests(TestServer server, ITestOutputHelper output) : LiveMeetingTestBase(server)
{
    const int Steps = 2000;
    ITestOutputHelper Output => output;
    const int Items = 6;

    /// <summary>One step: what kind, by whom, on which item (as a number into what they see), with which words.</summary>
    public sealed record Step(int Kind, int Who, int Item, int Words);

    static readonly Gen<Step[]> Run = Gen.Select(Gen.Int[0, 13], Gen.Int[0, 4], Gen.Int[0, Items - 1], Gen.Int[0, 999_999],
        (kind, who, item, words) => new Step(kind, who, item, words)).Array[Steps];

    [Fact]
    public async Task Random_panels_keep_every_contribution_on_its_case_and_every_screen_true()
    {
        var seed = Environment.GetEnvironmentVariable("DAPPANEL_ROOM_SEED");
        await Run.SampleAsync(steps => new Room(this).PlayAsync(steps), writeLine: output.WriteLine, seed: seed, iter: 1, threads: 1,
            print: steps => $"{steps.Length} steps");
    }

    /// <summary>What the test expects of the meeting, and the people in it with what each has on screen.</summary>
    sealed class Room(LiveRoomModelTests test)
    {
        readonly ConcurrentDictionary<Guid, Guid> caseOfEntity = new();   // lever or action → the case its author addressed
        readonly HashSet<Guid> decidedItems = [];
        readonly List<string> log = [];
        TestMeeting meeting = default!;
        Person[] people = default!;
        MeetingClient chairHub = default!, agencyHub = default!;
        long highest;
        (Person Who, Func<Guid, Task<long>> Command, Guid Id, long Answer, Func<Guid, Task<long>>? Other)? last;
        int refused, replayed, concurrent, caughtUp, elsewhere;

        TestServer Server => test.Server;

        public async Task PlayAsync(Step[] steps)
        {
            meeting = await Server.CreateAsync(Items);
            people =
            [
                await Person.JoinAsync(test, meeting, await test.Chair()),
                await Person.JoinAsync(test, meeting, await test.CoChair()),
                await Person.JoinAsync(test, meeting, await test.Probation()),
                await Person.JoinAsync(test, meeting, await test.Housing()),
                await Person.JoinAsync(test, meeting, await Server.DemoAsync("police@dappanel.example", Role.AgencyMember)),
            ];
            chairHub = await MeetingClient.ConnectAsync(Server, "chair@dappanel.example", DemoLogins.Password);
            agencyHub = await MeetingClient.ConnectAsync(Server, "probation@dappanel.example", DemoLogins.Password);
            await chairHub.JoinAsync(meeting.Id);
            await agencyHub.JoinAsync(meeting.Id);
            highest = await test.Flow.StartAsync(people[0].Actor, Guid.NewGuid(), meeting.Id);
            var clock = Stopwatch.StartNew();
            try
            {
                for (var i = 0; i < steps.Length; i++)
                {
                    await StepAsync(steps[i], i);
                    await CheckAsync(i);
                }
                test.Output.WriteLine($"{steps.Length} steps in {clock.Elapsed.TotalSeconds:0} s: {caseOfEntity.Count} levers and actions, "
                    + $"{decidedItems.Count} decisions, {refused} refused, {replayed} replays, {concurrent} concurrent, "
                    + $"{caughtUp} catch-ups, {elsewhere} changes elsewhere");
            }
            catch (Exception failure)
            {
                throw new Xunit.Sdk.XunitException($"{failure.Message}\nLast steps:\n{string.Join("\n", log.TakeLast(15))}\n{failure}");
            }
            finally
            {
                foreach (var person in people) person.Dispose();
                await chairHub.DisposeAsync();
                await agencyHub.DisposeAsync();
            }
        }

        async Task StepAsync(Step step, int number)
        {
            var chair = people[step.Who % 2];
            var agency = people[2 + step.Who % 3];
            var words = $"Step {number} words {step.Words}";
            switch (step.Kind)
            {
                case 0 or 1: // the chair moves on, by the page or by the hub
                {
                    var to = chair.Screen.Items[step.Item % chair.Screen.Items.Count].Id;
                    await TryAsync(chair, id => step.Kind == 0 || chair != people[0]
                        ? test.Flow.MoveToAsync(chair.Actor, id, meeting.Id, to)
                        : chairHub.Connection.InvokeAsync<long>("NextItem", id, meeting.Id), $"{chair.Name} moves on");
                    break;
                }
                case 2 or 3: // an agency adds a lever to the item on its screen, which may be behind the chair
                {
                    var item = agency.ItemOnScreen(step.Item);
                    var input = new LeverInput(agency.Actor.AgencyId, LeverFamily.Support, LeverArea.Housing, words);
                    var answer = await TryAsync(agency, id => step.Kind == 2 || agency != people[2]
                        ? test.Levers.AddAsync(agency.Actor, id, meeting.Id, item.Id, input)
                        : agencyHub.Connection.InvokeAsync<long>("AddLever", id, meeting.Id, item.Id, input),
                        $"{agency.Name} adds a lever to item {item.Order}",
                        other: id => test.Levers.AddAsync(agency.Actor, id, meeting.Id, item.Id, input with { Description = words + " changed" }));
                    if (answer is { } version) await ExpectAsync(version, item.Case.Id);
                    break;
                }
                case 4: // an agency or a chair agrees an action on the item on screen
                {
                    var who = step.Who % 2 == 0 ? chair : agency;
                    var item = who.ItemOnScreen(step.Item);
                    var input = new ActionInput(words, who.Actor.AgencyId, null, who.Screen.Date.AddDays(14));
                    var answer = await TryAsync(who, id => test.Actions.AgreeAsync(who.Actor, id, meeting.Id, item.Id, input),
                        $"{who.Name} agrees an action on item {item.Order}",
                        other: id => test.Actions.AgreeAsync(who.Actor, id, meeting.Id, item.Id, input with { DueOn = input.DueOn!.Value.AddDays(1) }));
                    if (answer is { } version) await ExpectAsync(version, item.Case.Id);
                    break;
                }
                case 5: // a chair records or changes the decision on the item on screen, from the version on screen
                {
                    var item = chair.ItemOnScreen(step.Item);
                    var input = new DecisionInput(DecisionOutcome.Review, words, ReviewOn: chair.Screen.Date.AddDays(28));
                    var answer = await TryAsync(chair, id => test.Decisions.RecordAsync(chair.Actor, id, meeting.Id, item.Id, input, item.Decision?.Version),
                        $"{chair.Name} decides item {item.Order}");
                    if (answer is not null) decidedItems.Add(item.Id);
                    break;
                }
                case 6: // an agency changes its own lever from the version on screen
                {
                    var mine = agency.Screen.Items.SelectMany(i => i.Levers).Where(l => l.AgencyId == agency.Actor.AgencyId).ToList();
                    if (mine.Count == 0) break;
                    var lever = mine[step.Words % mine.Count];
                    await TryAsync(agency, id => test.Levers.EditAsync(agency.Actor, id, meeting.Id, lever.Id,
                        new LeverInput(lever.AgencyId, lever.Family, lever.Area, words), lever.Version), $"{agency.Name} changes a lever");
                    break;
                }
                case 7: // the last command sent again as it was: the same answer, nothing new
                {
                    if (last is not { } again) break;
                    var before = await CountsAsync();
                    var answer = await again.Command(again.Id);
                    Assert.Equal(again.Answer, answer);
                    Assert.Equal(before, await CountsAsync());
                    replayed++;
                    log.Add($"{number}: {again.Who.Name} sends command {again.Id} again");
                    break;
                }
                case 8: // the last command's id with other content: refused, nothing stored
                {
                    if (last is not { Other: { } other } reused) break;
                    var before = await CountsAsync();
                    await Assert.ThrowsAsync<CommandIdReusedException>(() => other(reused.Id));
                    Assert.Equal(before, await CountsAsync());
                    refused++;
                    log.Add($"{number}: command {reused.Id} reused with other content");
                    break;
                }
                case 9: // a client retrying after a timeout: the same lever sent twice at once
                {
                    var item = agency.ItemOnScreen(step.Item);
                    var input = new LeverInput(agency.Actor.AgencyId, LeverFamily.Disrupt, LeverArea.EvidenceGathering, words);
                    var id = Guid.NewGuid();
                    var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                        Task.Run(() => test.Levers.AddAsync(agency.Actor, id, meeting.Id, item.Id, input))));
                    Assert.Single(answers.Distinct());
                    Assert.True(answers[0] > highest, $"A new command was answered with version {answers[0]}, not after {highest}.");
                    highest = answers[0];
                    await ExpectAsync(answers[0], item.Case.Id);
                    concurrent++;
                    log.Add($"{number}: {agency.Name} adds a lever to item {item.Order} twice at once");
                    break;
                }
                case 10: // both chairs decide the same item at the same moment from the same version: one wins
                {
                    var item = people[0].ItemOnScreen(step.Item);
                    var results = await Task.WhenAll(people.Take(2).Select(c => Task.Run(async () =>
                    {
                        try
                        {
                            return (long?)await test.Decisions.RecordAsync(c.Actor, Guid.NewGuid(), meeting.Id, item.Id,
                                new DecisionInput(DecisionOutcome.Accept, $"{words} by {c.Name}"), item.Decision?.Version);
                        }
                        catch (UserFacingException) { return null; }
                    })));
                    Assert.True(results.Count(r => r is not null) <= 1, "Two chairs deciding from the same version both saved.");
                    foreach (var answer in results.OfType<long>()) { Assert.True(answer > highest); highest = answer; decidedItems.Add(item.Id); }
                    concurrent++;
                    log.Add($"{number}: both chairs decide item {item.Order} at once");
                    break;
                }
                case 11: // a dropped hub connection catches up from the last version it saw
                {
                    var since = Math.Max(0, highest - 1 - step.Words % 20);
                    var changes = await chairHub.Connection.InvokeAsync<IReadOnlyList<ChangeEntry>>("ChangesSince", meeting.Id, since);
                    Assert.All(changes, c => Assert.True(c.Version > since));
                    Assert.Equal(changes.Select(c => c.Version).Order(), changes.Select(c => c.Version));
                    Assert.Equal(highest, changes.Count == 0 ? since : changes[^1].Version);
                    caughtUp++;
                    log.Add($"{number}: the chair's hub catches up since {since}");
                    break;
                }
                case 12: // a change saved elsewhere (a case's concerns rewritten outside the room)
                {
                    var caseId = meeting.CaseIds[step.Item % meeting.CaseIds.Count];
                    await using var db = await Server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>().CreateDbContextAsync();
                    await db.Cases.Where(c => c.Id == caseId).ForEachAsync(c => c.Summary = words);
                    await db.SaveChangesAsync();
                    elsewhere++;
                    log.Add($"{number}: a case's concerns changed elsewhere");
                    break;
                }
                default: // someone looks at a different item (their screen moves, their room does not)
                    people[step.Who].Look(step.Item);
                    break;
            }
        }

        /// <summary>Runs a new command; a refusal is fine (and must store nothing), anything else fails the run.</summary>
        async Task<long?> TryAsync(Person who, Func<Guid, Task<long>> command, string what, Func<Guid, Task<long>>? other = null)
        {
            var id = Guid.NewGuid();
            log.Add($"{log.Count}: {what} (command {id})");
            try
            {
                var answer = await command(id);
                Assert.True(answer > highest, $"A new command was answered with version {answer}, not after {highest}.");
                highest = answer;
                last = (who, command, id, answer, other);
                return answer;
            }
            catch (Exception refusal) when (refusal is UserFacingException or Microsoft.AspNetCore.SignalR.HubException)
            {
                Assert.Null(await Server.ReadAsync(db => db.MeetingChanges.Where(c => c.CommandId == id).Select(c => (long?)c.Id).SingleOrDefaultAsync()));
                refused++;
                return null;
            }
        }

        /// <summary>The lever or action the command made is on the case its author addressed.</summary>
        async Task ExpectAsync(long version, Guid caseId)
        {
            var entity = await Server.ReadAsync(db => db.MeetingChanges.Where(c => c.Id == version).Select(c => c.EntityId).SingleAsync());
            caseOfEntity[entity!.Value] = caseId;
        }

        Task<(int Levers, int Actions, int Decisions, int Changes)> CountsAsync() => Server.ReadAsync(async db => (
            await db.Levers.CountAsync(l => l.MeetingId == meeting.Id),
            await db.Actions.CountAsync(a => meeting.ItemIds.Contains(a.AgendaItemId)),
            await db.Decisions.CountAsync(d => meeting.ItemIds.Contains(d.AgendaItemId)),
            await db.MeetingChanges.CountAsync(c => c.MeetingId == meeting.Id)));

        async Task CheckAsync(int number)
        {
            var stored = await Server.ReadAsync(async db => (
                Levers: await db.Levers.Where(l => l.MeetingId == meeting.Id).Select(l => new { l.Id, l.CaseId }).ToListAsync(),
                Actions: await db.Actions.Where(a => meeting.ItemIds.Contains(a.AgendaItemId)).Select(a => new { a.Id, a.CaseId }).ToListAsync(),
                Decisions: await db.Decisions.Where(d => meeting.ItemIds.Contains(d.AgendaItemId)).Select(d => d.AgendaItemId).ToListAsync()));
            Assert.Equal(caseOfEntity.Count, stored.Levers.Count + stored.Actions.Count);
            foreach (var row in stored.Levers.Select(l => (l.Id, l.CaseId)).Concat(stored.Actions.Select(a => (a.Id, a.CaseId))))
                Assert.True(caseOfEntity.TryGetValue(row.Id, out var addressed) && addressed == row.CaseId,
                    $"Step {number}: a lever or action is on a case its author did not address.");
            Assert.Equal(decidedItems.Order(), stored.Decisions.Order());

            var fresh = (await new LiveMeetingReadModel(Server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>(),
                Server.Services.GetRequiredService<TimeProvider>()).GetAsync(meeting.Id))!;
            foreach (var person in people) await person.ConvergesAsync(fresh, number);
        }
    }

    /// <summary>One person with the room open: their screen is brought up to date as the page does, on every change.</summary>
    sealed class Person : IDisposable
    {
        public required Actor Actor { get; init; }
        public required SharingBasis Basis { get; init; }
        public LiveMeetingView Screen { get; private set; } = default!;
        public string Name => Actor.Name;
        IDisposable? subscription;
        Guid? looking;
        readonly SemaphoreSlim turn = new(1, 1);

        public static async Task<Person> JoinAsync(LiveMeetingTestBase test, TestMeeting meeting, Actor actor)
        {
            var testServer = ((LiveRoomModelTests)test).Server;
            var person = new Person
            {
                Actor = actor,
                Basis = await testServer.Services.GetRequiredService<NeedToKnow>().BasisAsync(actor,
                    await testServer.ReadAsync(db => db.Meetings.Where(m => m.Id == meeting.Id).Select(m => m.PanelId).SingleAsync())),
            };
            var live = testServer.Services.GetRequiredService<ILiveMeetingQueries>();
            await testServer.Services.GetRequiredService<Core.Attendance.IAttendanceService>().AcknowledgeAsync(actor, meeting.Id);
            person.Screen = await live.GetViewAsync(actor, meeting.Id);
            person.subscription = testServer.Services.GetRequiredService<IMeetingNotifier>().Subscribe(meeting.Id, async change =>
            {
                await person.turn.WaitAsync();
                try
                {
                    var view = await live.GetViewAsync(actor, meeting.Id, change.Version);
                    if (view.Version >= person.Screen.Version) person.Screen = view;
                }
                finally { person.turn.Release(); }
            });
            return person;
        }

        /// <summary>The item this person's screen shows: the chair's current one (as it last heard), or one they chose.</summary>
        public LiveItem ItemOnScreen(int pick) =>
            Screen.Items.FirstOrDefault(i => i.Id == looking) ?? Screen.CurrentItem ?? Screen.Items[pick % Screen.Items.Count];

        public void Look(int pick) => looking = pick % 3 == 0 ? null : Screen.Items[pick % Screen.Items.Count].Id;

        public async Task ConvergesAsync(MeetingSnapshot fresh, int step)
        {
            var expected = fresh.For(Basis);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Screen with { Present = expected.Present } != expected)
            {
                if (DateTime.UtcNow > deadline)
                    Assert.Fail($"Step {step}: {Name}'s screen shows version {Screen.Version}, not what a fresh read shows (version {expected.Version}): "
                        + FirstDifference(System.Text.Json.JsonSerializer.Serialize(Screen with { Present = expected.Present }),
                            System.Text.Json.JsonSerializer.Serialize(expected)));
                await Task.Delay(5);
            }
        }

        public void Dispose() => subscription?.Dispose();

        static string FirstDifference(string shown, string fresh)
        {
            var at = 0;
            while (at < Math.Min(shown.Length, fresh.Length) && shown[at] == fresh[at]) at++;
            var from = Math.Max(0, at - 120);
            return $"shown …{shown[from..Math.Min(shown.Length, at + 80)]}… fresh …{fresh[from..Math.Min(fresh.Length, at + 80)]}…";
        }
    }
}
