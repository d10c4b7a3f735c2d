using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.InformationSharing;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>The room's shared snapshot: rebuilt on every change, the panel's agencies and people read at most every 30 s.</summary>
public class LiveMeetingReadModelTests : IAsyncLifetime
{
    PanelWorld world = default!;
    Meeting meeting = default!;

    public async Task InitializeAsync()
    {
        world = await PanelWorld.CreateAsync();
        var heard = await world.AddCaseAsync(new CaseBuilder().Named("Mark Hawthorn").Build());
        meeting = await world.AddMeetingAsync(world.Today.AddDays(10), MeetingStatus.Circulated, heard);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_person_added_to_an_agency_is_offered_as_an_action_owner_within_30_seconds()
    {
        var readModel = new LiveMeetingReadModel(world.Db, world.Clock);
        var before = (await readModel.GetAsync(meeting.Id))!.View;
        Assert.DoesNotContain(PeopleOf(before), p => p.FullName == "Dana Finch");

        await using (var db = world.Db.CreateDbContext())
        {
            db.People.Add(new Person { FullName = "Dana Finch", AgencyId = world.Agencies[AgencyKind.Probation].Id, Email = "dana@probation.example" });
            await db.SaveChangesAsync();
        }
        world.Clock.Advance(NeedToKnow.RulesFreshFor);
        readModel.Invalidate(meeting.Id);

        var after = (await readModel.GetAsync(meeting.Id))!.View;
        Assert.Contains(PeopleOf(after), p => p.FullName == "Dana Finch");
    }

    [Fact]
    public async Task Every_change_rebuilds_what_the_room_shows()
    {
        var readModel = new LiveMeetingReadModel(world.Db, world.Clock);
        Assert.Empty((await readModel.GetAsync(meeting.Id))!.View.Items.Single().Levers);

        await using (var db = world.Db.CreateDbContext())
        {
            db.Levers.Add(new Lever
            {
                CaseId = meeting.AgendaItems.Single().CaseId, MeetingId = meeting.Id, AgencyId = world.Agencies[AgencyKind.Probation].Id,
                Family = LeverFamily.Support, Area = LeverArea.Housing, Description = "Supported housing referral", OfferedAt = world.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        readModel.Invalidate(meeting.Id);

        Assert.Equal("Supported housing referral", (await readModel.GetAsync(meeting.Id))!.View.Items.Single().Levers.Single().Description);
    }

    static IEnumerable<PersonOption> PeopleOf(LiveMeetingView view) => view.Agencies.SelectMany(a => a.People);
}
