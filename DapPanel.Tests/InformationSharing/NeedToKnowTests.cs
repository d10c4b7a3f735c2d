using System.Text.Json;
using DapPanel.Core.Domain;
using DapPanel.Core.Research;
using DapPanel.Core.InformationSharing;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.InformationSharing;

/// <summary>Need-to-know tiers and the information-sharing agreement, through the Core services.</summary>
public class NeedToKnowTests : IAsyncLifetime
{
    PanelWorld world = default!;
    Meeting meeting = default!;
    Case heard = default!;

    public async Task InitializeAsync()
    {
        world = await PanelWorld.CreateAsync();
        heard = await world.AddCaseAsync(new CaseBuilder().Named("Mark Hawthorn")
            .WithVictim("Sarah Primrose", "Flat 1, Secret Road", "07700 900123").Build());
        meeting = await world.AddMeetingAsync(world.Today.AddDays(10), MeetingStatus.Circulated, heard);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task A_member_of_an_agency_in_the_victims_safety_plan_sees_victim_names_and_children()
    {
        var list = await world.Circulation.GetCaseListAsync(world.Police, meeting.Id);

        var victims = Assert.Single(list.Cases).Victims;
        Assert.False(victims.IsWithheld);
        Assert.Equal(["Sarah Primrose"], victims.Names);
        Assert.Equal(heard.ChildrenCount, victims.ChildrenCount);
        Assert.True(list.Basis.SeesVictimDetails);
    }

    [Fact]
    public async Task A_member_of_another_agency_sees_the_withheld_marker_not_an_empty_value()
    {
        var list = await world.Circulation.GetCaseListAsync(world.Probation, meeting.Id);
        var research = await world.Research.GetForAgencyAsync(world.Probation, meeting.Id);

        var victims = Assert.Single(list.Cases).Victims;
        Assert.True(victims.IsWithheld);
        Assert.Empty(victims.Names);
        Assert.Null(victims.ChildrenCount);
        Assert.Equal(NeedToKnow.WithheldMarker, victims.NamesText);
        Assert.Equal(NeedToKnow.WithheldMarker, victims.ChildrenText);
        Assert.DoesNotContain("Primrose", JsonSerializer.Serialize(list));
        Assert.DoesNotContain("Primrose", JsonSerializer.Serialize(research));
        Assert.Equal("Mark Hawthorn", Assert.Single(list.Cases).PerpetratorName);
    }

    [Fact]
    public async Task Chairs_and_administrators_see_victim_details_without_being_asked_to_acknowledge()
    {
        Assert.Equal(["Sarah Primrose"], Assert.Single((await world.Circulation.GetCaseListAsync(world.Chair, meeting.Id)).Cases).Victims.Names);
        Assert.False(Assert.Single((await world.Circulation.GetCaseListAsync(world.Administrator, meeting.Id)).Cases).Victims.IsWithheld);
    }

    [Fact]
    public async Task An_agency_not_on_the_panel_is_refused()
    {
        var outsider = world.Police with { AgencyId = Guid.NewGuid() };

        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Circulation.GetCaseListAsync(outsider, meeting.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Research.GetForAgencyAsync(outsider, meeting.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.NeedToKnow.BasisAsync(outsider, world.Panel.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Sharing.GetAgreementAsync(outsider, world.Panel.Id));
    }

    [Fact]
    public async Task Research_notes_are_seen_by_the_agency_that_wrote_them_and_chairs_not_by_other_agencies()
    {
        await world.Research.AnswerAsync(world.Police, new ResearchAnswerInput
        {
            MeetingId = meeting.Id, CaseId = heard.Id, AgencyId = world.Police.AgencyId, Answer = ResearchAnswer.KnownToUs,
            Notes = "Two call-outs in March, bail conditions", ContactName = "PC Alex Swift",
        });

        var police = await world.Research.GetForAgencyAsync(world.Police, meeting.Id);
        var probation = await world.Research.GetForAgencyAsync(world.Probation, meeting.Id);
        var board = await world.Research.GetReadinessAsync(world.Chair, meeting.Id);

        Assert.Equal("Two call-outs in March, bail conditions", Assert.Single(police.Cases).Answer!.Notes);
        Assert.Null(Assert.Single(probation.Cases).Answer);
        Assert.DoesNotContain("call-outs", JsonSerializer.Serialize(probation));
        Assert.Contains(board.Rows.Single().Cells, c => c.Notes == "Two call-outs in March, bail conditions");
        var basis = await world.NeedToKnow.BasisAsync(world.Probation, world.Panel.Id);
        Assert.False(basis.SeesResearchNotesOf(world.Police.AgencyId));
        Assert.True(basis.SeesResearchNotesOf(world.Probation.AgencyId));
    }

    [Fact]
    public async Task An_administrator_can_share_victim_details_with_another_agency_and_it_applies_at_once()
    {
        Assert.True(Assert.Single((await world.Circulation.GetCaseListAsync(world.Probation, meeting.Id)).Cases).Victims.IsWithheld);
        var probation = (await world.Sharing.SettingsAsync(world.Administrator)).Single().Agencies.Single(a => a.AgencyId == world.Probation.AgencyId);
        Assert.False(probation.SharesVictimDetails);
        Assert.False(probation.IsPanelChoice);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            world.Sharing.SetVictimTierAsync(world.Chair, probation.MembershipId, true, probation.Version));
        await world.Sharing.SetVictimTierAsync(world.Administrator, probation.MembershipId, true, probation.Version);

        Assert.Equal(["Sarah Primrose"], Assert.Single((await world.Circulation.GetCaseListAsync(world.Probation, meeting.Id)).Cases).Victims.Names);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            world.Sharing.SetVictimTierAsync(world.Administrator, probation.MembershipId, false, probation.Version));
        await using var db = world.Db.CreateDbContext();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditAction.PermissionChanged && e.Summary.Contains("Shared victim-survivor and child details with Probation")));
    }

    [Fact]
    public async Task Until_a_member_acknowledges_the_agreement_every_service_refuses_case_information()
    {
        await using (var db = world.Db.CreateDbContext())
            await db.AgreementAcknowledgements.Where(a => a.PersonId == world.Probation.PersonId).ExecuteDeleteAsync();
        var fresh = new NeedToKnow(world.Db, world.Clock); // nothing remembered from before

        var refused = await Assert.ThrowsAsync<AgreementNotAcknowledgedException>(() => fresh.BasisAsync(world.Probation, world.Panel.Id));
        Assert.Equal(world.Panel.Id, refused.PanelId);
        Assert.Contains("version 1", refused.Message);
        await Assert.ThrowsAsync<AgreementNotAcknowledgedException>(() => world.Circulation.GetCaseListAsync(world.Probation, meeting.Id));
        await Assert.ThrowsAsync<AgreementNotAcknowledgedException>(() => world.Research.GetForAgencyAsync(world.Probation, meeting.Id));
        var agreement = await world.Sharing.GetAgreementAsync(world.Probation, world.Panel.Id);
        Assert.False(agreement.IsAcknowledged);
        Assert.Equal("Share only what each agency needs.", agreement.Text);

        world.Clock.Advance(TimeSpan.FromMinutes(5));
        await world.Sharing.AcknowledgeAsync(world.Probation, world.Panel.Id, 1);

        Assert.Single((await world.Circulation.GetCaseListAsync(world.Probation, meeting.Id)).Cases);
        await using var check = world.Db.CreateDbContext();
        var recorded = await check.AgreementAcknowledgements.SingleAsync(a => a.PersonId == world.Probation.PersonId);
        Assert.Equal((1, world.Clock.GetUtcNow()), (recorded.AgreementNumber, recorded.AcknowledgedAt));
    }

    [Fact]
    public async Task A_new_version_must_be_acknowledged_again_before_case_information_is_shared()
    {
        await world.Circulation.GetCaseListAsync(world.Police, meeting.Id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Sharing.PublishAsync(world.Chair, world.Panel.Id, "v2", 1));
        await Assert.ThrowsAsync<InvalidInputException>(() => world.Sharing.PublishAsync(world.Administrator, world.Panel.Id, "  ", 1));

        var number = await world.Sharing.PublishAsync(world.Administrator, world.Panel.Id, "Version two: also share with housing.", 1);

        Assert.Equal(2, number);
        await Assert.ThrowsAsync<AgreementNotAcknowledgedException>(() => world.Circulation.GetCaseListAsync(world.Police, meeting.Id));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => world.Sharing.AcknowledgeAsync(world.Police, world.Panel.Id, 1));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => world.Sharing.PublishAsync(world.Administrator, world.Panel.Id, "stale", 1));
        await world.Sharing.AcknowledgeAsync(world.Police, world.Panel.Id, 2);
        await world.Sharing.AcknowledgeAsync(world.Police, world.Panel.Id, 2); // twice is harmless

        var list = await world.Circulation.GetCaseListAsync(world.Police, meeting.Id);
        Assert.Equal(2, list.Basis.AgreementNumber);
        var settings = (await world.Sharing.SettingsAsync(world.Administrator)).Single();
        Assert.Equal(2, settings.Agreement.Number);
        Assert.Contains(settings.Acknowledgements, a => a.PersonName == "Alex Swift" && a.AcknowledgedAt is not null);
        Assert.Contains(settings.Acknowledgements, a => a.PersonName == "Chris Plover" && a.AcknowledgedAt is null);
    }

    [Fact]
    public async Task A_panel_without_an_agreement_shares_nothing_with_members()
    {
        await using (var db = world.Db.CreateDbContext())
        {
            await db.AgreementAcknowledgements.ExecuteDeleteAsync();
            await db.InformationSharingAgreements.ExecuteDeleteAsync();
        }
        var fresh = new NeedToKnow(world.Db, world.Clock);

        var refused = await Assert.ThrowsAsync<AgreementNotAcknowledgedException>(() => fresh.BasisAsync(world.Police, world.Panel.Id));
        Assert.Contains("no information-sharing agreement", refused.Message);
        Assert.Null((await fresh.BasisAsync(world.Chair, world.Panel.Id)).AgreementNumber);
    }

    [Fact]
    public async Task Each_sharing_is_audited_with_the_agreement_version_it_was_made_under()
    {
        await world.Circulation.GetCaseListAsync(world.Probation, meeting.Id);
        await world.Research.AnswerAsync(world.Police, new ResearchAnswerInput
        {
            MeetingId = meeting.Id, CaseId = heard.Id, AgencyId = world.Police.AgencyId, Answer = ResearchAnswer.NotKnown,
        });

        await using var db = world.Db.CreateDbContext();
        var entries = await db.AuditEvents.Where(e => e.MeetingId == meeting.Id).Select(e => e.Summary).ToListAsync();
        Assert.Contains(entries, s => s.StartsWith("Opened the circulated case list (without victim details; basis: information-sharing agreement v1)"));
        Assert.Contains(entries, s => s.StartsWith("Answered research") && s.EndsWith("(basis: information-sharing agreement v1)"));
    }
}
