using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using DapPanel.Core.Research;
using DapPanel.Core.ReviewUpdates;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Research;

public class ResearchServiceTests : IAsyncLifetime
{
    PanelWorld world = default!;
    Meeting meeting = default!;
    Case mark = default!;

    public async Task InitializeAsync()
    {
        world = await PanelWorld.CreateAsync();
        mark = await world.AddCaseAsync(new CaseBuilder().Named("Mark Hawthorn").WithVictim("Sarah Primrose").Build());
        meeting = await world.AddMeetingAsync(world.Today.AddDays(10), MeetingStatus.Draft, mark,
            await world.AddCaseAsync(new CaseBuilder().Named("Dean Alder").Build()));
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    ResearchAnswerInput Answer(Actor actor) => new()
    {
        MeetingId = meeting.Id, CaseId = mark.Id, AgencyId = actor.AgencyId, Answer = ResearchAnswer.KnownToUs,
        Notes = "On licence until 2027; two recalls.", ContactName = "Chris Plover", ContactDetails = "chris@probation.example",
        Levers = [new LeverOffer { Family = LeverFamily.Engagement, Area = LeverArea.ProbationContact, Description = "Weekly supervision" }],
    };

    [Fact]
    public async Task Nothing_can_be_answered_before_circulation()
    {
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Research.AnswerAsync(world.Probation, Answer(world.Probation)));
        Assert.Contains("not been circulated", refused.Message);
    }

    [Fact]
    public async Task An_agency_answers_for_itself_its_levers_go_to_the_case_and_its_notes_stay_its_own()
    {
        await world.Circulation.CirculateAsync(world.Administrator, meeting.Id, meeting.Version);

        await world.Research.AnswerAsync(world.Probation, Answer(world.Probation));

        var mine = await world.Research.GetForAgencyAsync(world.Probation, meeting.Id);
        var answered = mine.Cases.Single(c => c.Case.CaseId == mark.Id);
        Assert.Equal(ResearchAnswer.KnownToUs, answered.Answer!.Answer);
        Assert.Equal("Weekly supervision", Assert.Single(answered.Levers).Description);
        await using (var db = world.Db.CreateDbContext())
        {
            var lever = db.Levers.Single(l => l.CaseId == mark.Id);
            Assert.Equal((meeting.Id, world.Probation.AgencyId), (lever.MeetingId!.Value, lever.AgencyId));
        }

        var police = await world.Research.GetForAgencyAsync(world.Police, meeting.Id);
        Assert.NotEmpty(police.Cases);
        Assert.All(police.Cases, c => Assert.Null(c.Answer));
        var board = await world.Research.GetReadinessAsync(world.Chair, meeting.Id);
        Assert.Equal("On licence until 2027; two recalls.", board.Rows[0].Cells.Single(c => c.AgencyId == world.Probation.AgencyId).Notes);
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Research.GetReadinessAsync(world.Police, meeting.Id));
    }

    [Fact]
    public async Task An_agency_member_cannot_answer_for_another_agency_and_bad_answers_are_explained()
    {
        await world.Circulation.CirculateAsync(world.Administrator, meeting.Id, meeting.Version);

        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Research.AnswerAsync(world.Police, Answer(world.Probation)));
        var bad = Answer(world.Probation);
        bad.ContactName = null;
        bad.Levers[0].Area = LeverArea.EvidenceGathering;
        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => world.Research.AnswerAsync(world.Probation, bad));
        Assert.Contains("Give a contact at your agency for a case known to you.", invalid.Problems);
        Assert.Contains("\"Evidence gathering for prosecution\" is not one of the engagement levers.", invalid.Problems);
    }

    [Fact]
    public async Task The_readiness_board_counts_answers_and_reminders_go_only_to_agencies_that_have_not_answered()
    {
        await world.Circulation.CirculateAsync(world.Administrator, meeting.Id, meeting.Version);
        foreach (var caseId in new[] { mark.Id, meeting.AgendaItems[1].CaseId })
        {
            var input = Answer(world.Police);
            input.CaseId = caseId;
            input.Answer = ResearchAnswer.NotKnown;
            input.Levers = [];
            await world.Research.AnswerAsync(world.Police, input);
        }

        var board = await world.Research.GetReadinessAsync(world.Administrator, meeting.Id);
        Assert.Equal(2, board.Agencies.Single(a => a.Id == world.Police.AgencyId).Answered);
        Assert.Equal(3, board.NotFinished.Count());
        Assert.Equal(ResearchDeadline.For(world.Today.AddDays(10)), board.Deadline);
        Assert.False(board.IsPastDeadline);

        var report = await world.Research.SendRemindersAsync(world.Administrator, meeting.Id);

        Assert.Equal(3, report.Sent);
        var reminders = world.Mail().Where(m => m.Subject?.Contains("reminder") == true).ToList();
        Assert.Equal(3, reminders.Count);
        Assert.DoesNotContain(reminders, m => m.To.Mailboxes.Single().Address.StartsWith("alex"));
        board = await world.Research.GetReadinessAsync(world.Administrator, meeting.Id);
        Assert.NotNull(board.Agencies.Single(a => a.Id == world.Probation.AgencyId).LastReminder);
    }
}

public class ReviewUpdateServiceTests : IAsyncLifetime
{
    PanelWorld world = default!;
    public async Task InitializeAsync() => world = await PanelWorld.CreateAsync();
    public async Task DisposeAsync() => await world.DisposeAsync();

    ReviewUpdateService Updates => new(world.Db, world.Audit, world.NeedToKnow, world.Clock);

    async Task<Guid> ReviewItemAsync(MeetingStatus status = MeetingStatus.Circulated)
    {
        var c = await world.AddCaseAsync(new CaseBuilder().Named("Jason Birch").WithVictim("Emma Heather").WithVictim("Zoe Lavender")
            .AcceptedOn(world.Today.AddMonths(-2)).Build());
        // The provider writes once the case list has gone out, as every agency reads it.
        var meeting = await world.AddMeetingAsync(world.Today.AddDays(7), status, c);
        await using var db = world.Db.CreateDbContext();
        var item = db.AgendaItems.Single(i => i.MeetingId == meeting.Id);
        item.Kind = AgendaItemKind.Review;
        await db.SaveChangesAsync();
        return item.Id;
    }

    [Fact]
    public async Task Before_the_case_list_is_circulated_the_provider_sees_no_review_item()
    {
        var itemId = await ReviewItemAsync(MeetingStatus.Draft);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => Updates.GetFormAsync(world.Provider, itemId));

        Assert.Contains("has not been circulated", refused.Message);
    }

    [Fact]
    public async Task The_case_management_provider_writes_the_update_and_the_panel_reads_it()
    {
        var itemId = await ReviewItemAsync();
        var form = await Updates.GetFormAsync(world.Provider, itemId);
        Assert.Equal(8, form.Input.Severities.Count); // two victim-survivors × four abuse types
        form.Input.WorkStatus = CaseWorkStatus.DirectContact;
        form.Input.Engagement = EngagementStatus.Partially;
        form.Input.BehaviourChangeSessions = 4;
        form.Input.Interventions = [new InterventionInput { Kind = InterventionKind.Combined, AgencyId = world.Police.AgencyId },
            new InterventionInput { Kind = InterventionKind.Support, AgencyId = world.Probation.AgencyId }];
        form.Input.Severities.First(s => s.AbuseType == AbuseType.JealousCoerciveControlling).Severity = AbuseSeverity.High;

        await Updates.SaveAsync(world.Provider, form.Input);

        var view = await Updates.GetAsync(world.Chair, itemId);
        Assert.NotNull(view);
        Assert.Equal((CaseWorkStatus.DirectContact, EngagementStatus.Partially, 4), (view.WorkStatus, view.Engagement, view.BehaviourChangeSessions));
        Assert.Equal(["Police", "Probation"], view.Interventions.Select(i => i.AgencyName).Order());
        Assert.Equal(2, view.Grid.Count);
        Assert.Contains(view.Grid, r => r.Severities[AbuseType.JealousCoerciveControlling] == AbuseSeverity.High);
        Assert.Equal("Ravi Osprey", view.WrittenBy);
    }

    [Fact]
    public async Task A_provider_whose_panel_withholds_victim_details_rates_victim_survivors_without_their_names()
    {
        var itemId = await ReviewItemAsync();
        Assert.Contains(Assert.IsType<ReviewUpdateForm>(await Updates.GetFormAsync(world.Provider, itemId)).Victims, v => v.FullName == "Emma Heather");
        var provider = (await world.Sharing.SettingsAsync(world.Administrator)).Single().Agencies.Single(a => a.AgencyId == world.Provider.AgencyId);
        await world.Sharing.SetVictimTierAsync(world.Administrator, provider.MembershipId, false, provider.Version);

        var form = await Updates.GetFormAsync(world.Provider, itemId);

        Assert.Equal(["Victim-survivor 1 (name withheld)", "Victim-survivor 2 (name withheld)"], form.Victims.Select(v => v.FullName));
        Assert.Equal(8, form.Input.Severities.Count);
    }

    [Fact]
    public async Task Other_agencies_cannot_write_and_an_incomplete_update_is_explained()
    {
        var itemId = await ReviewItemAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Updates.GetFormAsync(world.Police, itemId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Updates.GetAsync(world.Police, itemId));

        var form = await Updates.GetFormAsync(world.Provider, itemId);
        form.Input.Severities.RemoveAt(0);
        form.Input.Interventions = [new InterventionInput { Kind = InterventionKind.Disrupt }];
        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => Updates.SaveAsync(world.Provider, form.Input));

        Assert.Contains("Choose the case status.", invalid.Problems);
        Assert.Contains(invalid.Problems, p => p.Contains("Rate every abuse type"));
        Assert.Contains(invalid.Problems, p => p.Contains("agency it was delivered with"));
        Assert.Null(await Updates.GetAsync(world.Chair, itemId));
    }
}
