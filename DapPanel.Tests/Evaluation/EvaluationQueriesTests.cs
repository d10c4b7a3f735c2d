using DapPanel.Core.Domain;
using DapPanel.Core.Evaluation;
using DapPanel.Core.Insight;
using DapPanel.Core.InformationSharing;
using DapPanel.Core.Intake;
using DapPanel.Core.ReviewUpdates;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.Evaluation;

/// <summary>
/// The evaluation through the database: what the provider records at intake and in a review update reaches the
/// figures; who may see them, switch suppression off, export (audited once) and record intake is decided in Core.
/// </summary>
public class EvaluationQueriesTests : IAsyncLifetime
{
    PanelWorld world = default!;
    Case mark = default!;
    Meeting accepted = default!, review = default!;
    Actor manager = default!;

    EvaluationQueries Evaluation => new(world.Db, world.Audit, world.Clock);
    IntakeService Intake => new(world.Db, world.Audit, world.NeedToKnow, world.Clock);
    ReviewUpdateService Updates => new(world.Db, world.Audit, world.NeedToKnow, world.Clock);
    InsightPeriod Year => new(world.Panel.Id, world.Today.AddYears(-1), world.Today);

    public async Task InitializeAsync()
    {
        world = await PanelWorld.CreateAsync();
        manager = new Actor("manager", Guid.NewGuid(), world.Agencies[AgencyKind.Other].Id, "Pat Heron", new HashSet<Role> { Role.Manager });
        // Mark was accepted at a panel three months ago and comes back for review next week.
        mark = await world.AddCaseAsync(new CaseBuilder().Named("Mark Hawthorn").WithVictim("Sarah Primrose").AcceptedOn(world.Today.AddMonths(-3)).Build());
        accepted = await world.AddMeetingAsync(world.Today.AddMonths(-3), MeetingStatus.Closed, mark);
        review = await world.AddMeetingAsync(world.Today.AddDays(7), MeetingStatus.Circulated);
        await using var db = world.Db.CreateDbContext();
        db.AgendaItems.Add(new AgendaItem { MeetingId = review.Id, CaseId = mark.Id, Kind = AgendaItemKind.Review, Order = 1 });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    static int Cell(EvaluationReport report, string table, string row, int column = 1) =>
        (int)report.Tables.Single(t => t.Key == table).Rows.Single(r => r[0].Text == row)[column].Value!.Value;

    [Fact]
    public async Task What_the_provider_records_at_intake_and_in_a_review_reaches_the_figures()
    {
        var form = await Intake.GetFormAsync(world.Provider, mark.Id);
        form.Input.CaseManagerPersonId = world.Provider.PersonId;
        form.Input.PerpetratorEthnicity = Ethnicity.BlackCaribbean;
        form.Input.Victims[0].Ethnicity = Ethnicity.WhiteBritish;
        form.Input.AcesRecorded = true;
        form.Input.AdverseChildhoodExperiences = 3;
        form.Input.RecordAssessment = true;
        form.Input.Needs.Housing = NeedLevel.High;
        form.Input.Severities.Single(s => s.AbuseType == AbuseType.Physical).Severity = AbuseSeverity.High;
        await Intake.SaveAsync(world.Provider, form.Input);

        var before = await Evaluation.ReportAsync(world.Chair, Year, showSmallNumbers: true);
        Assert.Equal(1, Cell(before, "needs", "Housing")); // high, from the intake record
        Assert.Equal(1, Cell(before, "caseload", "Ravi Osprey"));
        Assert.Equal(1, Cell(before, "ethnicity-perpetrators", "Black, Black British, Black Welsh, Caribbean or African"));
        Assert.Equal(1, Cell(before, "work-status", "No review update recorded"));

        var itemId = await world.Db.CreateDbContext().AgendaItems.Where(i => i.MeetingId == review.Id).Select(i => i.Id).SingleAsync();
        var update = await Updates.GetFormAsync(world.Provider, itemId);
        Assert.Equal(NeedLevel.High, update.Input.Needs.Housing); // the review starts from the intake rating
        update.Input.WorkStatus = CaseWorkStatus.DirectContact;
        update.Input.Engagement = EngagementStatus.Partially;
        update.Input.Needs.Housing = NeedLevel.Low;
        update.Input.Interventions.Add(new InterventionInput { Kind = InterventionKind.Support, AgencyId = world.Agencies[AgencyKind.Police].Id });
        await Updates.SaveAsync(world.Provider, update.Input);

        var after = await Evaluation.ReportAsync(world.Chair, new InsightPeriod(world.Panel.Id, world.Today.AddYears(-1), world.Today.AddDays(30)), showSmallNumbers: true);
        Assert.Equal(1, Cell(after, "needs", "Housing", column: 5)); // low, from the review
        Assert.Equal(1, Cell(after, "work-status", "Direct contact made"));
        Assert.Equal(1, Cell(after, "engagement", "Partially engaging"));
        Assert.Equal(1, Cell(after, "interventions-by-agency", "Police"));
    }

    [Fact]
    public async Task Agency_members_are_refused_the_figures_and_every_export()
    {
        foreach (var member in new[] { world.Police, world.Probation, world.Provider })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => Evaluation.PanelsAsync(member));
            await Assert.ThrowsAsync<AccessDeniedException>(() => Evaluation.ReportAsync(member, Year));
            foreach (var format in Enum.GetValues<EvaluationExportFormat>())
                await Assert.ThrowsAsync<AccessDeniedException>(() => Evaluation.ExportAsync(member, Year, new EvaluationExport(format, "cohort")));
        }
        await using var db = world.Db.CreateDbContext();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == AuditAction.Exported));
    }

    [Fact]
    public async Task Managers_see_small_numbers_suppressed_and_only_chairs_and_administrators_may_switch_it_off_on_screen()
    {
        var suppressed = await Evaluation.ReportAsync(manager, Year);
        Assert.True(suppressed.SmallNumbersSuppressed);
        Assert.Equal("<5", suppressed.Tables.Single(t => t.Key == "cohort").Rows[0][1].Text);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => Evaluation.ReportAsync(manager, Year, showSmallNumbers: true));
        Assert.StartsWith("Only chairs or administrators can", refused.Message);

        foreach (var actor in new[] { world.Chair, world.Administrator })
        {
            var shown = await Evaluation.ReportAsync(actor, Year, showSmallNumbers: true);
            Assert.False(shown.SmallNumbersSuppressed);
            Assert.Equal("1", shown.Tables.Single(t => t.Key == "cohort").Rows[0][1].Text);
        }
    }

    [Fact]
    public async Task An_export_is_always_suppressed_and_audited_once_with_what_and_for_when()
    {
        var report = await Evaluation.ExportAsync(world.Chair, Year, new EvaluationExport(EvaluationExportFormat.Workbook));

        Assert.True(report.SmallNumbersSuppressed);
        await using var db = world.Db.CreateDbContext();
        var entry = Assert.Single(await db.AuditEvents.Where(e => e.Action == AuditAction.Exported).ToListAsync());
        Assert.Contains("the evaluation workbook", entry.Summary);
        Assert.Contains("Test DAPP", entry.Summary);
        Assert.Contains("small numbers suppressed", entry.Summary);

        await Assert.ThrowsAsync<NotFoundException>(() => Evaluation.ExportAsync(world.Chair, Year, new EvaluationExport(EvaluationExportFormat.Csv, "victims")));
    }

    [Fact]
    public async Task A_period_with_no_cases_says_so_and_has_nothing_to_export()
    {
        var empty = new InsightPeriod(world.Panel.Id, new DateOnly(2020, 1, 1), new DateOnly(2020, 3, 31));

        var report = await Evaluation.ReportAsync(manager, empty);
        Assert.True(report.IsEmpty);
        Assert.Empty(report.Figures);

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Evaluation.ExportAsync(manager, empty, new EvaluationExport(EvaluationExportFormat.Report)));
        Assert.StartsWith("No cases in this period", refused.Message);
    }

    [Fact]
    public async Task A_bad_period_or_another_panel_is_refused_plainly()
    {
        await Assert.ThrowsAsync<DomainRuleException>(() => Evaluation.ReportAsync(manager, new InsightPeriod(world.Panel.Id, world.Today, world.Today.AddDays(-1))));
        await Assert.ThrowsAsync<NotFoundException>(() => Evaluation.ReportAsync(manager, new InsightPeriod(Guid.NewGuid(), world.Today.AddDays(-9), world.Today)));
    }

    [Fact]
    public async Task Intake_records_are_for_chairs_administrators_and_the_provider_and_written_by_the_provider_and_administrators()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Intake.GetFormAsync(world.Probation, mark.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Intake.GetFormAsync(manager, mark.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Intake.ListAsync(world.Police));

        var chairs = await Intake.GetFormAsync(world.Chair, mark.Id);
        Assert.False(chairs.CanWrite);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Intake.SaveAsync(world.Chair, chairs.Input));

        var list = await Intake.ListAsync(world.Provider);
        Assert.True(list.CanWrite);
        Assert.Equal("Mark Hawthorn", Assert.Single(list.Cases).PerpetratorName);
        var form = await Intake.GetFormAsync(world.Administrator, mark.Id);
        form.Input.PerpetratorSex = Sex.Male;
        await Intake.SaveAsync(world.Administrator, form.Input);

        await using var db = world.Db.CreateDbContext();
        // The chair's and the administrator's openings; refusals open nothing.
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.CaseId == mark.Id && e.Action == AuditAction.ViewedCaseDetail
            && e.Summary.StartsWith("Opened the intake record of " + mark.Reference)));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.CaseId == mark.Id && e.Action == AuditAction.Changed && e.Summary.StartsWith("Wrote the intake record")));
    }

    [Fact]
    public async Task The_provider_sees_no_case_on_the_intake_list_before_acknowledging_the_agreement()
    {
        await using (var db = world.Db.CreateDbContext())
            await db.AgreementAcknowledgements.Where(a => a.PersonId == world.Provider.PersonId).ExecuteDeleteAsync();

        var refused = await Assert.ThrowsAsync<AgreementNotAcknowledgedException>(() => Intake.ListAsync(world.Provider));
        Assert.Equal(world.Panel.Id, refused.PanelId);
        Assert.DoesNotContain("Mark Hawthorn", refused.Message);
        await Assert.ThrowsAsync<AgreementNotAcknowledgedException>(() => Intake.GetFormAsync(world.Provider, mark.Id));
        await using var check = world.Db.CreateDbContext();
        Assert.False(await check.AuditEvents.AnyAsync(e => e.Summary.StartsWith("Opened the intake")));
    }

    [Fact]
    public async Task Intake_refuses_a_save_over_someone_else_s_change_and_bad_input_with_plain_messages()
    {
        var first = await Intake.GetFormAsync(world.Provider, mark.Id);
        var second = await Intake.GetFormAsync(world.Administrator, mark.Id);
        first.Input.PerpetratorEthnicity = Ethnicity.AsianIndian;
        await Intake.SaveAsync(world.Provider, first.Input);

        second.Input.PerpetratorEthnicity = Ethnicity.WhiteIrish;
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Intake.SaveAsync(world.Administrator, second.Input));
        Assert.Contains("changed by someone else", conflict.Message);

        var again = await Intake.GetFormAsync(world.Provider, mark.Id);
        Assert.Equal(Ethnicity.AsianIndian, again.Input.PerpetratorEthnicity);
        again.Input.AcesRecorded = true;
        again.Input.AdverseChildhoodExperiences = 11;
        again.Input.Victims[0].DateOfBirth = world.Today.AddDays(1);
        again.Input.RecordAssessment = true;
        again.Input.AssessedOn = null;
        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => Intake.SaveAsync(world.Provider, again.Input));
        Assert.Equal(3, invalid.Problems.Count);
        Assert.Contains(invalid.Problems, p => p.Contains("Adverse Childhood Experiences"));
        Assert.Contains(invalid.Problems, p => p.Contains("date of birth"));
        Assert.Contains(invalid.Problems, p => p.Contains("date of the intake assessment"));
    }

    [Fact]
    public async Task The_area_profile_is_kept_by_administrators_and_must_add_up()
    {
        var profiles = new AreaProfileService(world.Db, world.Audit);
        await Assert.ThrowsAsync<AccessDeniedException>(() => profiles.GetAsync(manager, world.Panel.Id));

        var input = await profiles.GetAsync(world.Administrator, world.Panel.Id);
        (input.Percent[EthnicGroup.Asian], input.Percent[EthnicGroup.Black], input.Percent[EthnicGroup.Mixed], input.Percent[EthnicGroup.White])
            = (17.5m, 22.6m, 7.6m, 48.4m);
        input.Percent[EthnicGroup.Other] = 9m;
        var wrong = await Assert.ThrowsAsync<InvalidInputException>(() => profiles.SaveAsync(world.Administrator, input));
        Assert.Contains("add up to 105.1", wrong.Message);

        input.Percent[EthnicGroup.Other] = 3.9m;
        input.Source = "Census 2021";
        await profiles.SaveAsync(world.Administrator, input);
        var report = await Evaluation.ReportAsync(world.Chair, Year, showSmallNumbers: true);
        Assert.Equal("Census 2021", report.AreaPopulationSource);
        Assert.Equal("48.4%", report.Tables.Single(t => t.Key == "ethnicity-perpetrators").Rows.Single(r => r[0].Text == "White")[3].Text);
    }
}
