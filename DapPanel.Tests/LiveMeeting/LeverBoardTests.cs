using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.LiveMeeting;

[Collection(LiveServerCollection.Name)]
public class LeverBoardTests(TestServer server) : LiveMeetingTestBase(server)
{
    async Task<LeverInput> ProbationLever(string text = "On licence; joint appointment possible") =>
        new(await Server.AgencyIdAsync(AgencyKind.Probation), LeverFamily.Engagement, LeverArea.ProbationContact, text);

    [Fact]
    public async Task An_agency_offers_a_lever_before_the_meeting_and_everyone_sees_it()
    {
        var meeting = await Server.CreateAsync(2);

        await Levers.AddAsync(await Probation(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever());

        var lever = Assert.Single((await ViewAsAsync(await Housing(), meeting.Id)).Items[0].Levers);
        Assert.Equal("On licence; joint appointment possible", lever.Description);
        Assert.Equal("Probation Service — Croydon", lever.AgencyName);
        Assert.True(lever.OfferedAtThisMeeting);
    }

    [Fact]
    public async Task A_retried_command_is_applied_once()
    {
        var meeting = await Server.CreateAsync(1);
        var commandId = Guid.NewGuid();
        var probation = await Probation();

        var first = await Levers.AddAsync(probation, commandId, meeting.Id, meeting.ItemIds[0], await ProbationLever());
        var retry = await Levers.AddAsync(probation, commandId, meeting.Id, meeting.ItemIds[0], await ProbationLever());

        Assert.Equal(first, retry);
        Assert.Single((await ViewAsync(meeting.Id)).Items[0].Levers);
    }

    [Fact]
    public async Task An_agency_cannot_speak_for_another_agency_but_a_chair_can()
    {
        var meeting = await Server.CreateAsync(1);

        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Levers.AddAsync(await Housing(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever()));
        await Levers.AddAsync(await Chair(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever());

        Assert.Single((await ViewAsync(meeting.Id)).Items[0].Levers);
    }

    [Theory]
    [InlineData(LeverFamily.Support, LeverArea.BreachOfOrders, "text", "not a support area")]
    [InlineData(LeverFamily.Engagement, LeverArea.ProbationContact, "   ", "Enter the description")]
    [InlineData((LeverFamily)99, LeverArea.ProbationContact, "text", "not a known lever family")]
    [InlineData(LeverFamily.Engagement, (LeverArea)999, "text", "not a known lever area")]
    public async Task Bad_lever_input_gets_a_clear_message_and_nothing_is_saved(LeverFamily family, LeverArea area,
        string description, string message)
    {
        var meeting = await Server.CreateAsync(1);
        var input = new LeverInput(await Server.AgencyIdAsync(AgencyKind.Probation), family, area, description);

        var refusal = await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Levers.AddAsync(await Probation(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], input));

        Assert.Contains(message, refusal.Message);
        Assert.Empty((await ViewAsync(meeting.Id)).Items[0].Levers);
    }

    [Fact]
    public async Task An_oversized_description_is_refused()
    {
        var meeting = await Server.CreateAsync(1);

        var refusal = await Assert.ThrowsAsync<DomainRuleException>(async () => await Levers.AddAsync(await Probation(),
            Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever(new string('x', LeverBoard.MaxDescriptionLength + 1))));

        Assert.Contains("too long", refusal.Message);
    }

    [Fact]
    public async Task Levers_are_not_taken_before_circulation()
    {
        var meeting = await Server.CreateAsync(1);
        await Server.ReadAsync(async db =>
        {
            var m = await db.Meetings.FindAsync(meeting.Id);
            m!.Status = MeetingStatus.Draft;
            return await db.SaveChangesAsync();
        });
        Server.Services.GetRequiredService<LiveMeetingReadModel>().Invalidate(meeting.Id);

        var refusal = await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Levers.AddAsync(await Probation(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever()));
        Assert.Contains("has not been circulated", refusal.Message);
    }

    [Fact]
    public async Task A_second_edit_from_a_stale_copy_is_refused_showing_the_current_value()
    {
        var meeting = await Server.CreateAsync(1);
        var probation = await Probation();
        await Levers.AddAsync(probation, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever());
        var lever = (await ViewAsync(meeting.Id)).Items[0].Levers[0];

        await Levers.EditAsync(probation, Guid.NewGuid(), meeting.Id, lever.Id, await ProbationLever("First edit"), lever.Version);
        var secondEdit = await ProbationLever("Second edit");
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Levers.EditAsync(probation, Guid.NewGuid(), meeting.Id, lever.Id, secondEdit, lever.Version));

        Assert.Contains("First edit", conflict.Message);
        Assert.Equal("First edit", (await ViewAsync(meeting.Id)).Items[0].Levers[0].Description);
    }

    [Fact]
    public async Task Withdrawing_keeps_the_lever_visible_as_withdrawn_and_only_the_owner_or_a_chair_may()
    {
        var meeting = await Server.CreateAsync(1);
        await Levers.AddAsync(await Probation(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever());
        var lever = (await ViewAsync(meeting.Id)).Items[0].Levers[0];

        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await Levers.WithdrawAsync(await Housing(), Guid.NewGuid(), meeting.Id, lever.Id, lever.Version));
        await Levers.WithdrawAsync(await Probation(), Guid.NewGuid(), meeting.Id, lever.Id, lever.Version);

        Assert.True((await ViewAsync(meeting.Id)).Items[0].Levers[0].IsWithdrawn);
    }

    [Fact]
    public async Task After_closing_only_a_chair_corrects_and_the_correction_is_audited()
    {
        var meeting = await LiveMeetingAsync(1);
        await Flow.CloseAsync(await Chair(), Guid.NewGuid(), meeting.Id);

        await Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Levers.AddAsync(await Probation(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever()));
        await Levers.AddAsync(await Chair(), Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], await ProbationLever("Added after"));

        var audited = await Server.ReadAsync(db => db.AuditEvents.AnyAsync(
            e => e.MeetingId == meeting.Id && e.Action == AuditAction.Changed && e.After == "Added after"));
        Assert.True(audited);
    }
}
