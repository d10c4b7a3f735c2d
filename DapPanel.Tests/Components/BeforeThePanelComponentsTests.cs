using DapPanel.Core.InformationSharing;
using Bunit;
using DapPanel.App.Features.Agenda;
using DapPanel.App.Features.Referrals;
using DapPanel.App.Features.Research;
using DapPanel.App.Features.ReviewUpdates;
using DapPanel.Core.Agenda;
using DapPanel.Core.Cases;
using DapPanel.Core.Circulation;
using DapPanel.Core.Domain;
using DapPanel.Core.Referrals;
using DapPanel.Core.Research;
using DapPanel.Core.ReviewUpdates;

namespace DapPanel.Tests.Components;

public class BeforeThePanelComponentsTests : BunitTest
{
    static readonly Guid Police = Guid.NewGuid(), Housing = Guid.NewGuid();

    [Fact]
    public void The_readiness_board_shows_who_has_answered_each_case()
    {
        var board = new ReadinessView(
            new MeetingHeading(Guid.NewGuid(), "Croydon DAPP", DateTimeOffset.UtcNow.AddDays(9), 120, "Room 2", null, MeetingStatus.Circulated, Guid.NewGuid()),
            new DateOnly(2026, 12, 8), false,
            [new ReadinessAgency(Police, "Police — South Area", 1, null), new ReadinessAgency(Housing, "Housing Needs", 0, DateTimeOffset.UtcNow)],
            [new ReadinessRow(1, "DAPP-26-053", AgendaItemKind.NewReferral,
                [new ReadinessCell(Police, ResearchAnswer.KnownToUs, "Bail conditions", "PC Swift"), new ReadinessCell(Housing, null, null, null)])]);

        var cut = Render<ReadinessBoard>(p => p.Add(x => x.Board, board));

        var cells = cut.FindAll("tr.readiness-row td");
        Assert.Equal("Known to us", cells[0].TextContent);
        Assert.Contains("Bail conditions", cells[0].GetAttribute("title"));
        Assert.Contains("missing", cells[1].ClassName);
        Assert.Contains("Police", cut.Find("thead").TextContent);
        Assert.DoesNotContain("South Area", cut.Find("thead").TextContent);
        Assert.Contains("0/1", cut.Markup);
    }

    [Fact]
    public void An_agenda_item_saves_only_when_changed_and_sends_what_was_typed()
    {
        var item = new AgendaBuilderItem(Guid.NewGuid(), 1, Guid.NewGuid(), "DAPP-26-053", "Callum Thorne", AgendaItemKind.NewReferral,
            RiskLevel.High, 8, "Eligibility");
        (int Minutes, string? Focus)? saved = null;
        var cut = Render<AgendaItemEditor>(p => p.Add(x => x.Item, item).Add(x => x.IsFirst, true).Add(x => x.IsLast, true)
            .Add(x => x.OnSave, e => saved = e));

        Assert.True(cut.Find(".save-item").HasAttribute("disabled"));
        Assert.True(cut.Find(".move-up").HasAttribute("disabled"));
        cut.Find(".focus-field textarea").Change("Eligibility. Police: current bail conditions?");
        cut.Find(".save-item").Click();

        Assert.Equal((8, "Eligibility. Police: current bail conditions?"), saved);
    }

    [Fact]
    public void Candidates_offer_each_kind_they_fit_and_flag_a_missing_extension_reason()
    {
        var candidate = new AgendaCandidate(Guid.NewGuid(), "DAPP-25-040", "Tony Larch", RiskLevel.High,
            [AgendaItemKind.Review, AgendaItemKind.ClosureProposal], ["Review due 8 Dec 2026", "Past 12 months: needs an extension reason or closure"], true);
        (Guid, AgendaItemKind)? added = null;
        var cut = Render<AgendaCandidateList>(p => p.Add(x => x.Candidates, [candidate]).Add(x => x.OnAdd, e => added = e));

        Assert.Contains("Needs an extension reason", cut.Markup);
        cut.Find("button[aria-label='Add DAPP-25-040 as closure proposal']").Click();

        Assert.Equal((candidate.CaseId, AgendaItemKind.ClosureProposal), added);
    }

    [Fact]
    public void Linked_cases_show_earlier_decisions_and_say_when_the_referral_is_a_duplicate()
    {
        var decision = new DecisionHistoryView(Guid.NewGuid(), new DateTimeOffset(2026, 6, 9, 9, 0, 0, TimeSpan.Zero), AgendaItemKind.NewReferral,
            DecisionOutcome.NotSuitable, "Too dangerous for case managers to approach.", null);
        var repeat = new LinkedCaseView(Guid.NewGuid(), "DAPP-26-012", "Dean Alder", CaseStatus.NotSuitable, "Same perpetrator", false,
            new DateOnly(2026, 6, 9), [decision]);

        var cut = Render<LinkedCases>(p => p.Add(x => x.Links, [repeat]));
        Assert.Contains("Repeat referral", cut.Markup);
        Assert.Contains("Too dangerous for case managers", cut.Markup);

        cut = Render<LinkedCases>(p => p.Add(x => x.Links, [repeat with { IsDuplicate = true, Status = CaseStatus.Accepted }]));
        Assert.Contains("already has an open case", cut.Markup);
    }

    [Fact]
    public void The_victim_fields_add_and_remove_victim_survivors_and_keep_what_was_typed()
    {
        var input = new ReferralInput();
        var cut = Render<VictimSurvivorFields>(p => p.Add(x => x.Input, input));

        cut.Find("#victim-0-name").Change("Rosa Wren");
        cut.Find("#add-victim").Click();
        Assert.Equal(2, cut.FindAll(".victim-row").Count);
        cut.Find("button[aria-label='Remove victim-survivor 2']").Click();

        Assert.Equal("Rosa Wren", Assert.Single(input.VictimSurvivors).FullName);
        Assert.Equal("Rosa Wren", cut.Find("#victim-0-name").GetAttribute("value"));
    }

    [Fact]
    public void The_research_form_records_the_answer_and_offers_levers()
    {
        var entry = new CaseListEntry(1, Guid.NewGuid(), "DAPP-26-053", "Callum Thorne", new DateOnly(1990, 2, 3), [], AgendaItemKind.NewReferral,
            RiskLevel.High, VictimInformation.Shared(["Rosa Wren"], 1), "Eligibility");
        var input = new ResearchAnswerInput();
        var saves = 0;
        var cut = Render<ResearchAnswerForm>(p => p.Add(x => x.Case, new ResearchCaseView(entry, null, []))
            .Add(x => x.Input, input).Add(x => x.OnSave, () => saves++));

        cut.Find("#answer-KnownToUs").Click();
        cut.Find("#contact-name").Change("PC Alex Swift");
        cut.Find("#add-lever").Click();
        cut.Find("#save-answer").Click();

        Assert.Equal(ResearchAnswer.KnownToUs, input.Answer);
        Assert.Equal("PC Alex Swift", input.ContactName);
        Assert.Single(input.Levers);
        Assert.Single(cut.FindAll(".lever-row"));
        Assert.Equal(1, saves);
    }

    [Fact]
    public void The_review_update_summary_shows_status_interventions_and_the_grid()
    {
        var update = new ReviewUpdateView("DAPP-26-031", CaseWorkStatus.NotSafeToContact, EngagementStatus.NotEngaging, 3, "Moved address.",
            [new InterventionView(InterventionKind.Disrupt, "Police"), new InterventionView(InterventionKind.Disrupt, "Police"),
                new InterventionView(InterventionKind.Combined, "Children's Social Care")],
            [new SeverityRow("Claire Violet", Enum.GetValues<AbuseType>().ToDictionary(t => t, t => t == AbuseType.Physical ? AbuseSeverity.High : AbuseSeverity.None))],
            "Ravi Osprey", DateTimeOffset.UtcNow);

        var cut = Render<ReviewUpdateSummary>(p => p.Add(x => x.Update, update));

        Assert.Contains("Not safe to contact", cut.Markup);
        Assert.Contains("3 behaviour-change sessions", cut.Markup);
        Assert.Contains("Interventions since the last panel: 3", cut.Markup);
        Assert.Contains("Disrupt with Police × 2", cut.Markup);
        var row = cut.Find("tr.severity-row").TextContent;
        Assert.Contains("Claire Violet", row);
        Assert.Contains("High", row);
    }
}
