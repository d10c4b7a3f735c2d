using System.Text.Json;
using DapPanel.Core.Audit;
using DapPanel.Core.Domain;
using DapPanel.Core.Insight;
using DapPanel.Core.Retention;
using DapPanel.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DapPanel.Tests.Insight;

/// <summary>
/// Throughput read from the monthly counts must equal throughput counted from the rows, for whole and part months,
/// and must follow every kind of change at once. The small panel's four meetings (6 and 20 January, 3 and 17 February
/// 2026) get three cases with levers, actions, review updates with interventions and decisions.
/// </summary>
[Trait("Category", "Slow")]
public class ThroughputAggregateTests : IAsyncLifetime
{
    // Managers oversee the panels their agency sits on.
    Actor Manager => new("manager", Guid.NewGuid(), small.Police.Id, "Manager", new HashSet<Role> { Role.Manager });
    SmallPanel small = default!;
    Case anna = default!, ben = default!, cole = default!;
    AgendaItem benReview = default!;
    ReviewUpdate annaUpdate = default!;
    PanelAction housingAction = default!;

    InsightQueries Queries => new(small.Database, new AuditLog(small.Database, TimeProvider.System));

    InsightPeriod Period(int fromMonth, int fromDay, int toMonth, int toDay, int fromYear = 2026) =>
        new(small.Panel.Id, new DateOnly(fromYear, fromMonth, fromDay), new DateOnly(2026, toMonth, toDay));

    InsightPeriod January => Period(1, 1, 1, 31);
    InsightPeriod February => Period(2, 1, 2, 28);
    InsightPeriod JanuaryAndFebruary => Period(1, 1, 2, 28);

    // Whole months, part months at one or both ends, a single day, and periods running past the meetings.
    IEnumerable<InsightPeriod> Periods =>
    [
        January, February, JanuaryAndFebruary, Period(1, 10, 2, 20), Period(1, 6, 1, 6), Period(1, 20, 2, 3),
        Period(12, 15, 3, 31, fromYear: 2025), Period(1, 1, 2, 17), Period(1, 7, 3, 31), Period(2, 4, 2, 16),
    ];

    public async Task InitializeAsync()
    {
        small = await SmallPanel.CreateAsync();
        var (m1, m3, m4) = (small.Meetings[0], small.Meetings[2], small.Meetings[3]);
        await using var db = small.Database.CreateDbContext();
        anna = NewCase("S-1", CaseStatus.Closed, acceptedOn: SmallPanel.Dates[0], closedOn: SmallPanel.Dates[2], ClosureReason.RiskReduced);
        ben = NewCase("S-2", CaseStatus.Accepted, acceptedOn: SmallPanel.Dates[3]);
        cole = NewCase("S-3", CaseStatus.NotSuitable);
        foreach (var c in new[] { anna, ben, cole }) c.PanelId = small.Panel.Id;
        db.Cases.AddRange(anna, ben, cole);

        // 6 January: Anna accepted, Ben brought back for review.
        var annaNew = Item(db, m1, anna, AgendaItemKind.NewReferral, 1, DecisionOutcome.Accept);
        Item(db, m1, ben, AgendaItemKind.NewReferral, 2, DecisionOutcome.Review);
        Lever(db, m1, anna, small.Police, LeverFamily.Support, LeverArea.Housing);
        Lever(db, m1, anna, small.Housing, LeverFamily.Disrupt, LeverArea.Housing);
        Action(db, annaNew, anna, small.Police, ActionStatus.Done);
        housingAction = Action(db, annaNew, anna, small.Housing, ActionStatus.Open);
        // 3 February: Anna closed (28 days after acceptance), Cole not suitable.
        var annaClosure = Item(db, m3, anna, AgendaItemKind.ClosureProposal, 1, DecisionOutcome.Close, ClosureReason.RiskReduced);
        annaUpdate = Update(db, annaClosure, anna, (InterventionKind.Support, small.Police), (InterventionKind.Disrupt, small.MentalHealth));
        Item(db, m3, cole, AgendaItemKind.NewReferral, 2, DecisionOutcome.NotSuitable);
        // 17 February: Ben accepted; Cole's item deferred; one lever withdrawn.
        benReview = Item(db, m4, ben, AgendaItemKind.Review, 1, DecisionOutcome.Accept);
        Update(db, benReview, ben, (InterventionKind.Combined, small.Housing));
        Action(db, benReview, ben, small.MentalHealth, ActionStatus.NotDoneAgencyDidNotAct);
        Lever(db, m4, ben, small.MentalHealth, LeverFamily.Engagement, LeverArea.ProbationContact);
        Lever(db, m4, ben, small.Police, LeverFamily.Support, LeverArea.Housing).IsWithdrawn = true;
        var deferred = Item(db, m4, cole, AgendaItemKind.Review, 2, decision: null);
        deferred.IsDeferred = true;
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await small.DisposeAsync();

    [Fact]
    public async Task Monthly_counts_give_the_hand_counted_figures_and_equal_the_live_count_for_every_period()
    {
        var both = await Queries.ThroughputAsync(Manager, JanuaryAndFebruary);

        Assert.Equal((3, 5, 3, 1, 1), (both.CasesHeard, both.ItemsHeard, both.NewReferrals, both.Reviews, both.ClosureProposals));
        Assert.Equal([2, 1, 1, 1, 0], both.Outcomes.Select(o => o.Count));
        Assert.Equal([1, 1, 1], both.LeversByFamily.Select(l => l.Count));
        Assert.Equal([1, 1, 1], both.InterventionsByKind.Select(i => i.Count));
        Assert.Equal([("Housing", 1, 0, 1), ("Mental health", 1, 0, 0), ("Police", 1, 1, 0)],
            both.ActionsByAgency.Select(a => (a.AgencyName, a.Agreed, a.Done, a.Open)));
        Assert.Equal((1, 28.0), (both.CasesClosed, both.AverageDaysToClosure));
        Assert.Equal("Risk reduced", Assert.Single(both.ClosureReasons).Label);
        await AssertEveryPeriodMatchesLiveAsync();

        await using var db = small.Database.CreateDbContext();
        Assert.Equal(2, await db.InsightMonths.CountAsync(m => m.PanelId == small.Panel.Id && m.Month >= new DateOnly(2026, 1, 1)
            && m.Month <= new DateOnly(2026, 2, 1)));
        Assert.False(await db.InsightStaleMonths.AnyAsync(s => s.Month == new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public async Task Whole_months_are_read_from_the_stored_counts_and_part_months_from_the_rows()
    {
        await Queries.ThroughputAsync(Manager, JanuaryAndFebruary);
        await using (var db = small.Database.CreateDbContext())
            await db.InsightMonthlyCounts.Where(c => c.Measure == InsightMeasure.LeverArea && c.Month == new DateOnly(2026, 1, 1))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Count, 100));

        Assert.Equal(200, (await Queries.ThroughputAsync(Manager, January)).LeversByFamily.Sum(l => l.Count));
        Assert.Equal(2, (await Queries.ThroughputAsync(Manager, Period(1, 2, 1, 31))).LeversByFamily.Sum(l => l.Count));
    }

    [Fact]
    public async Task A_lever_added_counts_at_once()
    {
        await AssertEveryPeriodMatchesLiveAsync();
        await using (var db = small.Database.CreateDbContext())
        {
            Lever(db, small.Meetings[0], ben, small.Police, LeverFamily.Disrupt, LeverArea.LegalProceedings);
            await db.SaveChangesAsync();
        }

        Assert.Equal(3, (await Queries.ThroughputAsync(Manager, January)).LeversByFamily.Sum(l => l.Count));
        await AssertEveryPeriodMatchesLiveAsync();
    }

    [Fact]
    public async Task An_action_completed_counts_at_once()
    {
        await AssertEveryPeriodMatchesLiveAsync();
        await using (var db = small.Database.CreateDbContext())
        {
            var action = await db.Actions.SingleAsync(a => a.Id == housingAction.Id);
            action.Status = ActionStatus.Done;
            await db.SaveChangesAsync();
        }

        var housing = (await Queries.ThroughputAsync(Manager, January)).ActionsByAgency.Single(a => a.AgencyName == "Housing");
        Assert.Equal((1, 0), (housing.Done, housing.Open));
        await AssertEveryPeriodMatchesLiveAsync();
    }

    [Fact]
    public async Task A_decision_changed_and_an_intervention_added_to_an_earlier_update_count_at_once()
    {
        await AssertEveryPeriodMatchesLiveAsync();
        await using (var db = small.Database.CreateDbContext())
        {
            var decision = await db.Decisions.SingleAsync(d => d.AgendaItemId == benReview.Id);
            decision.Outcome = DecisionOutcome.NotSuitable;
            db.Interventions.Add(new Intervention { ReviewUpdateId = annaUpdate.Id, Kind = InterventionKind.Combined, AgencyId = small.Housing.Id });
            await db.SaveChangesAsync();
        }

        var february = await Queries.ThroughputAsync(Manager, February);
        Assert.Equal([0, 2, 0, 1, 0], february.Outcomes.Select(o => o.Count));
        Assert.Equal([1, 1, 2], february.InterventionsByKind.Select(i => i.Count));
        await AssertEveryPeriodMatchesLiveAsync();
    }

    [Fact]
    public async Task A_change_saved_synchronously_marks_its_month_as_an_asynchronous_save_does()
    {
        await AssertEveryPeriodMatchesLiveAsync();
        using (var db = small.Database.CreateDbContext())
        {
            // The update's agenda item and the item's meeting are not tracked: the synchronous save reads them itself.
            db.Interventions.Add(new Intervention { ReviewUpdateId = annaUpdate.Id, Kind = InterventionKind.Combined, AgencyId = small.Housing.Id });
            db.SaveChanges();
            Assert.Equal([new DateOnly(2026, 2, 1)], db.InsightStaleMonths.AsNoTracking().Where(s => s.PanelId == small.Panel.Id)
                .Select(s => s.Month).ToList());
        }

        Assert.Equal([1, 1, 2], (await Queries.ThroughputAsync(Manager, February)).InterventionsByKind.Select(i => i.Count));
        await AssertEveryPeriodMatchesLiveAsync();
    }

    [Fact]
    public async Task A_meeting_moved_to_another_month_takes_its_counts_with_it()
    {
        await AssertEveryPeriodMatchesLiveAsync();
        await using (var db = small.Database.CreateDbContext())
        {
            var first = await db.Meetings.SingleAsync(m => m.Id == small.Meetings[0].Id);
            first.StartsAt = PanelTime.At(new DateOnly(2026, 2, 10), new TimeOnly(10, 0));
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, (await Queries.ThroughputAsync(Manager, January)).ItemsHeard);
        Assert.Equal(5, (await Queries.ThroughputAsync(Manager, February)).ItemsHeard);
        await AssertEveryPeriodMatchesLiveAsync();
    }

    [Fact]
    public async Task A_case_whose_acceptance_date_is_corrected_changes_the_days_to_closure_at_once()
    {
        await AssertEveryPeriodMatchesLiveAsync();
        await using (var db = small.Database.CreateDbContext())
        {
            var c = await db.Cases.SingleAsync(x => x.Id == anna.Id);
            c.AcceptedOn = new DateOnly(2026, 1, 20);
            await db.SaveChangesAsync();
        }

        Assert.Equal(14.0, (await Queries.ThroughputAsync(Manager, February)).AverageDaysToClosure);
        await AssertEveryPeriodMatchesLiveAsync();
    }

    [Fact]
    public async Task A_draft_meeting_held_later_and_a_case_deleted_count_at_once()
    {
        await AssertEveryPeriodMatchesLiveAsync();
        await using (var db = small.Database.CreateDbContext())
        {
            var draft = await db.Meetings.SingleAsync(m => m.Id == small.Meetings[4].Id);
            draft.Status = MeetingStatus.Closed;
            Item(db, draft, ben, AgendaItemKind.Review, 1, DecisionOutcome.Review);
            await db.SaveChangesAsync();
        }
        Assert.Equal(4, (await Queries.ThroughputAsync(Manager, February)).ItemsHeard);
        await AssertEveryPeriodMatchesLiveAsync();

        await using (var db = small.Database.CreateDbContext())
        {
            db.Cases.Remove(await db.Cases.SingleAsync(c => c.Id == cole.Id));
            await db.SaveChangesAsync();
        }
        Assert.Equal(3, (await Queries.ThroughputAsync(Manager, February)).ItemsHeard);
        await AssertEveryPeriodMatchesLiveAsync();
    }

    [Fact]
    public async Task A_case_erased_by_retention_keeps_its_counts()
    {
        var before = Json(await Queries.ThroughputAsync(Manager, JanuaryAndFebruary));
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var retention = new RetentionService(small.Database, new AuditLog(small.Database, clock),
            new RetentionSettings { ClosedCaseMonths = 1 }, clock);
        var administrator = new Actor("admin", Guid.NewGuid(), Guid.NewGuid(), "Administrator", new HashSet<Role> { Role.Administrator });
        Guid version;
        await using (var db = small.Database.CreateDbContext())
            version = await db.Cases.Where(c => c.Id == anna.Id).Select(c => c.Version).SingleAsync();

        await retention.EraseAsync(administrator, anna.Id, version);

        Assert.Equal(before, Json(await Queries.ThroughputAsync(Manager, JanuaryAndFebruary)));
        await AssertEveryPeriodMatchesLiveAsync();
    }

    [Fact]
    public void A_period_splits_into_whole_months_and_the_part_months_at_its_ends()
    {
        var panel = Guid.NewGuid();
        var (whole, edges) = InsightQueries.Split(new InsightPeriod(panel, new DateOnly(2025, 11, 30), new DateOnly(2026, 11, 29)));
        Assert.Equal((new DateOnly(2025, 12, 1), new DateOnly(2026, 10, 1)), whole);
        Assert.Equal([(new DateOnly(2025, 11, 30), new DateOnly(2025, 11, 30)), (new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 29))],
            edges.Select(e => (e.From, e.To)));

        (whole, edges) = InsightQueries.Split(new InsightPeriod(panel, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1)), whole);
        Assert.Empty(edges);

        (whole, edges) = InsightQueries.Split(new InsightPeriod(panel, new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 20)));
        Assert.Null(whole);
        Assert.Equal((new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 20)), (Assert.Single(edges).From, edges[0].To));
    }

    async Task AssertEveryPeriodMatchesLiveAsync()
    {
        foreach (var period in Periods)
            Assert.Equal(Json(await Queries.LiveThroughputAsync(period)), Json(await Queries.ThroughputAsync(Manager, period)));
    }

    static string Json(ThroughputInsight insight) => JsonSerializer.Serialize(insight);

    static Case NewCase(string reference, CaseStatus status, DateOnly? acceptedOn = null, DateOnly? closedOn = null,
        ClosureReason? reason = null) => new()
    {
        Reference = reference, Perpetrator = new Perpetrator { FullName = "Perpetrator " + reference, DateOfBirth = new DateOnly(1985, 1, 1) },
        ReferredOn = new DateOnly(2025, 12, 20), Status = status, AcceptedOn = acceptedOn, ClosedOn = closedOn, ClosureReason = reason,
    };

    static AgendaItem Item(Core.Data.DapPanelDbContext db, Meeting meeting, Case c, AgendaItemKind kind, int order,
        DecisionOutcome? decision, ClosureReason? reason = null)
    {
        var item = new AgendaItem { MeetingId = meeting.Id, CaseId = c.Id, Kind = kind, Order = order, HeardAt = meeting.StartsAt };
        db.AgendaItems.Add(item);
        if (decision is { } outcome)
            db.Decisions.Add(new Decision { AgendaItemId = item.Id, Outcome = outcome, ClosureReason = reason, Rationale = "Agreed", RecordedAt = meeting.StartsAt });
        return item;
    }

    static Lever Lever(Core.Data.DapPanelDbContext db, Meeting meeting, Case c, Agency agency, LeverFamily family, LeverArea area)
    {
        var lever = new Lever
        {
            CaseId = c.Id, MeetingId = meeting.Id, AgencyId = agency.Id, Family = family, Area = area, Description = "Lever",
            OfferedAt = meeting.StartsAt,
        };
        db.Levers.Add(lever);
        return lever;
    }

    static PanelAction Action(Core.Data.DapPanelDbContext db, AgendaItem item, Case c, Agency owner, ActionStatus status)
    {
        var action = new PanelAction
        {
            CaseId = c.Id, AgendaItemId = item.Id, Description = "Action", OwnerAgencyId = owner.Id, DueOn = new DateOnly(2026, 3, 1), Status = status,
        };
        db.Actions.Add(action);
        return action;
    }

    static ReviewUpdate Update(Core.Data.DapPanelDbContext db, AgendaItem item, Case c, params (InterventionKind Kind, Agency Agency)[] interventions)
    {
        var update = new ReviewUpdate { AgendaItemId = item.Id, CaseId = c.Id, WorkStatus = CaseWorkStatus.DirectContact, WrittenAt = item.HeardAt!.Value.AddDays(-2) };
        foreach (var (kind, agency) in interventions) update.Interventions.Add(new Intervention { Kind = kind, AgencyId = agency.Id });
        db.ReviewUpdates.Add(update);
        return update;
    }
}
