using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Minutes;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Minutes;

[Collection(DemoServerCollection.Name)]
public class ActionFollowUpTests(TestServer server)
{
    IActionFollowUp FollowUp => server.Services.GetRequiredService<IActionFollowUp>();

    [Fact]
    public async Task Open_actions_from_earlier_meetings_come_back_by_case_with_overdue_marked()
    {
        var upcoming = await DemoMeetings.UpcomingAsync(server);
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);

        var back = await FollowUp.ComingBackAsync(chair, upcoming.Id);

        Assert.NotEmpty(back.Cases);
        Assert.All(back.Cases, c => Assert.NotEmpty(c.Actions));
        Assert.All(back.Cases, c => Assert.All(c.Actions, a =>
        {
            Assert.Equal(ActionStatus.Open, a.Action.Status);
            Assert.Equal(c.CaseReference, a.Action.CaseReference);
            Assert.True(a.CanRecordOutcome);
        }));
        Assert.True(back.OverdueCount > 0);
        Assert.All(back.Cases.SelectMany(c => c.Actions).Where(a => a.Action.IsOverdue),
            a => Assert.True(a.Action.DueOn < PanelTime.Today(TimeProvider.System)));
        Assert.Contains(back.Cases, c => c.OnThisAgenda);

        var housing = await server.DemoAsync("housing@dappanel.example", Role.AgencyMember);
        var asHousing = await FollowUp.ComingBackAsync(housing, upcoming.Id);
        var housingSees = asHousing.Cases.SelectMany(c => c.Actions).ToList();
        Assert.NotEmpty(housingSees);
        Assert.All(housingSees, a => Assert.Equal(a.Action.OwnerAgencyId == housing.AgencyId, a.CanRecordOutcome));
    }

    [Fact]
    public async Task Only_the_owner_agency_or_a_chair_records_an_outcome_and_a_stale_copy_conflicts()
    {
        var upcoming = await DemoMeetings.UpcomingAsync(server);
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        var back = await FollowUp.ComingBackAsync(chair, upcoming.Id);
        var police = await server.DemoAsync("police@dappanel.example", Role.AgencyMember);
        var target = back.Cases.SelectMany(c => c.Actions).Last(a => a.Action.OwnerAgencyId != police.AgencyId
            && a.Action.OwnerAgencyId != chair.AgencyId);
        var idva = await server.DemoAsync(await OwnerEmailAsync(target.Action.OwnerAgencyId), Role.AgencyMember);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            FollowUp.RecordOutcomeAsync(police, target.Action.ActionId, ActionStatus.Done, null, target.Version));
        await Assert.ThrowsAsync<DomainRuleException>(() =>
            FollowUp.RecordOutcomeAsync(idva, target.Action.ActionId, ActionStatus.Open, null, target.Version));
        var recorded = await FollowUp.RecordOutcomeAsync(idva, target.Action.ActionId,
            ActionStatus.NotDoneCircumstancesChanged, "  Perpetrator moved out of the borough.  ", target.Version);

        Assert.Equal(ActionStatus.NotDoneCircumstancesChanged, recorded.Status);
        Assert.Equal("Perpetrator moved out of the borough.", recorded.OutcomeNote);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            FollowUp.RecordOutcomeAsync(idva, target.Action.ActionId, ActionStatus.Done, null, target.Version));
        var after = await FollowUp.ComingBackAsync(idva, upcoming.Id);
        Assert.DoesNotContain(after.Cases.SelectMany(c => c.Actions), a => a.Action.ActionId == target.Action.ActionId);
    }

    async Task<string> OwnerEmailAsync(Guid agencyId)
    {
        var factory = server.Services.GetRequiredService<IDbContextFactory<DapPanelDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.People.Where(p => p.AgencyId == agencyId && p.Email != null).Select(p => p.Email!).FirstAsync();
    }
}
