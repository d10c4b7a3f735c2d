using DapPanel.Core.Domain;
using DapPanel.Core.Referrals;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Referrals;

public class ReferralServiceTests : IAsyncLifetime
{
    PanelWorld world = default!;
    public async Task InitializeAsync() => world = await PanelWorld.CreateAsync();
    public async Task DisposeAsync() => await world.DisposeAsync();

    ReferralService Referrals => new(world.Db, world.Audit, world.Clock);

    ReferralInput Valid(string name = "Dean Alder", string victim = "Amy Daisy") => new()
    {
        PanelId = world.Panel.Id,
        Source = ReferralSource.Police, ReferrerName = "PC Alex Swift", ReferrerAgencyId = world.Agencies[AgencyKind.Police].Id,
        ReferredOn = world.Today, PerpetratorName = name, PerpetratorDateOfBirth = new DateOnly(1985, 4, 12),
        VictimSurvivors = [new VictimInput { FullName = victim, Address = "1 Example Road", Contact = "07700 900001" }],
        ChildrenCount = 2, RiskLevel = RiskLevel.High, Summary = "Coercive control and threats to the children.",
    };

    /// <summary>A closed case for the same perpetrator, heard at a meeting the given months ago.</summary>
    async Task<Case> HeardCaseAsync(int monthsAgo, string name = "Dean Alder", string victim = "Sarah Primrose", string? alias = null)
    {
        var builder = new CaseBuilder().Named(name).WithVictim(victim).AcceptedOn(world.Today.AddMonths(-monthsAgo - 4));
        if (alias is not null) builder.WithAlias(alias);
        var c = builder.Build();
        c.Close(world.Today.AddMonths(-monthsAgo), ClosureReason.ServiceUserDisengaged);
        await world.AddCaseAsync(c);
        var meeting = await world.AddMeetingAsync(world.Today.AddMonths(-monthsAgo), MeetingStatus.Closed, c);
        await using var db = world.Db.CreateDbContext();
        var item = db.AgendaItems.Single(i => i.MeetingId == meeting.Id);
        db.Decisions.Add(new Decision { AgendaItemId = item.Id, Outcome = DecisionOutcome.Close, Rationale = "Case manager and IDVA agree closure." });
        await db.SaveChangesAsync();
        return c;
    }

    [Fact]
    public async Task Bad_input_gets_every_problem_in_plain_words()
    {
        var input = Valid();
        input.PerpetratorDateOfBirth = world.Today.AddYears(-10);
        input.ReferredOn = world.Today.AddDays(1);
        input.ChildrenCount = 21;
        input.VictimSurvivors = [new VictimInput()];
        input.Source = null;

        var invalid = await Assert.ThrowsAsync<InvalidInputException>(() => Referrals.SubmitAsync(world.Administrator, input));

        Assert.Contains("Choose where the referral came from.", invalid.Problems);
        Assert.Contains("The referral date cannot be in the future.", invalid.Problems);
        Assert.Contains(invalid.Problems, p => p.Contains("age outside 14 to 100"));
        Assert.Contains("Name at least one victim-survivor.", invalid.Problems);
        Assert.Contains(invalid.Problems, p => p.Contains("between 0 and 20"));
        input.PerpetratorDateOfBirth = world.Today.AddDays(3);
        Assert.Contains("The perpetrator's date of birth cannot be in the future.", input.Problems(world.Today));
    }

    [Fact]
    public async Task Only_administrators_record_referrals()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Referrals.SubmitAsync(world.Police, Valid()));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Referrals.FindLinkedCasesAsync(world.Chair, Valid()));
    }

    [Fact]
    public async Task A_new_referral_gets_the_next_reference_of_the_year()
    {
        await world.AddCaseAsync(new CaseBuilder().WithReference("DAPP-26-041").Build());

        var first = await Referrals.SubmitAsync(world.Administrator, Valid("Kyle Hazel"));
        var second = await Referrals.SubmitAsync(world.Administrator, Valid("Wayne Linden", "Laura Iris"));

        Assert.Equal("DAPP-26-042", first.Reference);
        Assert.Equal("DAPP-26-043", second.Reference);
        Assert.False(first.IsRepeat);
    }

    [Fact]
    public async Task The_same_perpetrator_heard_within_12_months_is_shown_with_decisions_then_linked_as_a_repeat()
    {
        var earlier = await HeardCaseAsync(6);
        var input = Valid(name: "  dean   ALDER ");

        var links = await Referrals.FindLinkedCasesAsync(world.Administrator, input);
        var link = Assert.Single(links);
        Assert.Equal(earlier.Reference, link.Reference);
        Assert.False(link.IsDuplicate);
        Assert.Equal(DecisionOutcome.Close, Assert.Single(link.Decisions).Outcome);

        var saved = await Referrals.SubmitAsync(world.Administrator, input);
        Assert.True(saved.IsRepeat);
        Assert.Equal([earlier.Reference], saved.LinkedReferences);
        await using var db = world.Db.CreateDbContext();
        Assert.Equal(earlier.Id, db.CaseLinks.Single(l => l.CaseId == saved.CaseId).LinkedCaseId);
        Assert.True(db.Referrals.Single(r => r.CaseId == saved.CaseId).IsRepeat);
        Assert.Contains(db.AuditEvents, a => a.CaseId == saved.CaseId && a.Summary.Contains("repeat"));
    }

    [Fact]
    public async Task An_alias_or_a_shared_victim_links_but_a_case_heard_over_12_months_ago_does_not()
    {
        var byAlias = await HeardCaseAsync(3, name: "Gary Aspen", alias: "D. Alder-Smith", victim: "Nobody Else");
        var byVictim = await HeardCaseAsync(4, name: "Lee Rowan", victim: "Amy  Daisy");
        await HeardCaseAsync(14, name: "Dean Alder", victim: "Old Victim");
        var input = Valid();
        input.Aliases = "d. alder-smith";

        var links = await Referrals.FindLinkedCasesAsync(world.Administrator, input);

        Assert.Equal(new[] { byAlias.Reference, byVictim.Reference }.Order(), links.Select(l => l.Reference).Order());
        Assert.Contains(links, l => l.Reason.Contains("victim-survivor"));
    }

    [Fact]
    public async Task A_duplicate_of_an_open_case_is_caught()
    {
        var open = await world.AddCaseAsync(new CaseBuilder().Named("Dean Alder").AcceptedOn(world.Today.AddMonths(-1)).Build());

        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Referrals.SubmitAsync(world.Administrator, Valid()));

        Assert.Contains(open.Reference, refused.Message);
        await using var db = world.Db.CreateDbContext();
        Assert.Equal(1, db.Cases.Count());
    }
}
