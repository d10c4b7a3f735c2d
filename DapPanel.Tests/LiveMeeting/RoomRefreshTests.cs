using System.Threading.Channels;
using DapPanel.Core.Agenda;
using DapPanel.Core.Circulation;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>
/// An open room is brought up to date by every change to what it shows, whichever service saved it: rooms are told,
/// and what they read then is what a rebuild from the database shows.
/// </summary>
[Collection(LiveServerCollection.Name)]
public class RoomRefreshTests(TestServer server) : LiveMeetingTestBase(server)
{
    IAgendaService Agenda => Server.Services.GetRequiredService<IAgendaService>();
    LiveMeetingReadModel ReadModel => Server.Services.GetRequiredService<LiveMeetingReadModel>();
    IMeetingNotifier Notifier => Server.Services.GetRequiredService<IMeetingNotifier>();
    Task<Actor> Administrator() => Server.DemoAsync("admin@dappanel.example", Role.Administrator);

    /// <summary>Opens the room (its snapshot is built and held), runs the change, and returns what the room reads when told.</summary>
    async Task<LiveMeetingView> AfterChangeAsync(Guid meetingId, Func<Task> change)
    {
        var chair = await Chair();
        var before = await ViewAsAsync(chair, meetingId);
        var told = Channel.CreateUnbounded<MeetingChanged>();
        using var watching = Notifier.Subscribe(meetingId, c => told.Writer.WriteAsync(c).AsTask());

        await change();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var changed = await told.Reader.ReadAsync(deadline.Token);
        var after = await Live.GetViewAsync(chair, meetingId, changed.Version);
        Assert.NotEqual(before, after);
        await AssertMatchesRebuildAsync(meetingId, after);
        return after;
    }

    async Task AssertMatchesRebuildAsync(Guid meetingId, LiveMeetingView served)
    {
        var rebuilt = (await new LiveMeetingReadModel(Server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>(),
            Server.Services.GetRequiredService<TimeProvider>()).GetAsync(meetingId))!.View;
        Assert.Equal(rebuilt with { Present = served.Present, ChairsOrAdministers = served.ChairsOrAdministers }, served);
    }

    async Task<Guid> AgendaVersionAsync(Guid meetingId) => await Server.ReadAsync(db => db.Meetings.Where(m => m.Id == meetingId)
        .Select(m => m.Version).SingleAsync());

    [Fact]
    public async Task Moving_an_item_on_the_agenda_after_circulation_reaches_the_room()
    {
        var meeting = await Server.CreateAsync(3);
        var admin = await Administrator();

        var view = await AfterChangeAsync(meeting.Id, async () =>
            await Agenda.MoveItemAsync(admin, meeting.Id, await AgendaVersionAsync(meeting.Id), meeting.ItemIds[2], -2));

        Assert.Equal(meeting.ItemIds[2], view.Items[0].Id);
    }

    [Fact]
    public async Task Removing_an_item_and_changing_a_focus_reach_the_room()
    {
        var meeting = await Server.CreateAsync(3);
        var admin = await Administrator();

        var removed = await AfterChangeAsync(meeting.Id, async () =>
            await Agenda.RemoveItemAsync(admin, meeting.Id, await AgendaVersionAsync(meeting.Id), meeting.ItemIds[1]));
        Assert.DoesNotContain(removed.Items, i => i.Id == meeting.ItemIds[1]);

        var focused = await AfterChangeAsync(meeting.Id, async () =>
            await Agenda.UpdateItemAsync(admin, meeting.Id, await AgendaVersionAsync(meeting.Id), meeting.ItemIds[0], 12, "Housing risk"));
        Assert.Equal(("Housing risk", 12), (focused.Items[0].Focus, focused.Items[0].PlannedMinutes));
    }

    [Fact]
    public async Task Circulating_the_case_list_reaches_a_room_opened_on_the_draft()
    {
        var meeting = await Server.CreateAsync(1);
        await SaveAsync(db => db.Meetings.Where(m => m.Id == meeting.Id).ForEachAsync(m => m.Status = MeetingStatus.Draft));
        var circulation = Server.Services.GetRequiredService<ICirculationService>();
        var admin = await Administrator();

        var view = await AfterChangeAsync(meeting.Id, async () =>
            await circulation.CirculateAsync(admin, meeting.Id, await AgendaVersionAsync(meeting.Id)));

        Assert.Equal(MeetingStatus.Circulated, view.Status);
    }

    [Fact]
    public async Task A_case_managers_review_update_saved_during_the_meeting_reaches_the_room()
    {
        var meeting = await Server.CreateAsync(1);
        await SaveAsync(db => db.AgendaItems.Where(i => i.Id == meeting.ItemIds[0]).ForEachAsync(i => i.Kind = AgendaItemKind.Review));

        var view = await AfterChangeAsync(meeting.Id, () => SaveAsync(db =>
        {
            db.ReviewUpdates.Add(new ReviewUpdate
            {
                AgendaItemId = meeting.ItemIds[0], CaseId = meeting.CaseIds[0], WorkStatus = CaseWorkStatus.DirectContact,
                Engagement = EngagementStatus.Partially, WrittenAt = DateTimeOffset.UtcNow,
            });
            return Task.CompletedTask;
        }));

        Assert.NotNull(view.Items[0].ReviewUpdateVersion);
    }

    [Fact]
    public async Task Erasing_a_case_reaches_the_room()
    {
        var meeting = await Server.CreateAsync(2);

        var view = await AfterChangeAsync(meeting.Id, () => SaveAsync(db =>
            db.Cases.Where(c => c.Id == meeting.CaseIds[1]).ForEachAsync(c => c.Summary = "Erased under the retention rule")));

        Assert.Equal("Erased under the retention rule", view.Items[1].Case.Summary);
    }

    [Fact]
    public async Task Renaming_an_agency_reaches_the_room()
    {
        var meeting = await Server.CreateAsync(1);
        var housing = await Server.AgencyIdAsync(AgencyKind.Housing);
        string? oldName = null;

        var renamed = await AfterChangeAsync(meeting.Id, () => SaveAsync(db => db.Agencies.Where(a => a.Id == housing)
            .ForEachAsync(a => (oldName, a.Name) = (a.Name, a.Name + " (renamed)"))));
        try
        {
            Assert.Equal(oldName + " (renamed)", renamed.Agencies.Single(a => a.Id == housing).Name);
        }
        finally
        {
            await SaveAsync(db => db.Agencies.Where(a => a.Id == housing).ForEachAsync(a => a.Name = oldName!));
        }
    }

    async Task SaveAsync(Func<DapPanelDbContext, Task> change)
    {
        var factory = Server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await change(db);
        await db.SaveChangesAsync();
    }
}
