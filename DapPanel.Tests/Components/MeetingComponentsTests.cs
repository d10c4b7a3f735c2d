using Bunit;
using DapPanel.App.Features.Home;
using DapPanel.App.Features.Meetings;
using DapPanel.Core.Cases;
using DapPanel.Core.Domain;
using DapPanel.Core.Home;
using DapPanel.Core.Meetings;

namespace DapPanel.Tests.Components;

public class MeetingComponentsTests : BunitTest
{
    static AgendaItemView Item(int order, int minutes, AgendaItemKind kind = AgendaItemKind.Review, DecisionOutcome? outcome = null) =>
        new(Guid.NewGuid(), order, Guid.NewGuid(), $"DAPP-26-{order:000}", $"Person {order}", kind, RiskLevel.High,
            minutes, $"Focus for item {order}", false, outcome);

    [Fact]
    public void The_agenda_lists_items_in_order_with_focus_and_decisions()
    {
        var cut = Render<AgendaTable>(p => p
            .Add(x => x.Agenda, [Item(1, 8, AgendaItemKind.NewReferral), Item(2, 6, outcome: DecisionOutcome.Accept)])
            .Add(x => x.MeetingMinutes, 120));

        var rows = cut.FindAll("tr.agenda-item");
        Assert.Equal(2, rows.Count);
        Assert.Contains("DAPP-26-001", rows[0].TextContent);
        Assert.Contains("New referral", rows[0].TextContent);
        Assert.Contains("Focus for item 2", rows[1].TextContent);
        Assert.Contains("Accept", rows[1].TextContent);
        Assert.Contains("Planned 14 min of 2 h 00 min", cut.Markup);
        Assert.DoesNotContain("over the meeting's length", cut.Markup);
    }

    [Fact]
    public void An_agenda_before_the_meeting_has_no_empty_decision_column_and_numbers_sit_right()
    {
        var cut = Render<AgendaTable>(p => p
            .Add(x => x.Agenda, [Item(1, 8, AgendaItemKind.NewReferral), Item(2, 6)])
            .Add(x => x.MeetingMinutes, 120));

        var headings = cut.FindAll("thead th").Select(th => th.TextContent).ToList();
        Assert.DoesNotContain("Decision", headings);
        Assert.Contains("Focus", headings);
        Assert.All(cut.FindAll("tr.agenda-item"), row => Assert.Equal(6, row.QuerySelectorAll("td").Length));
        Assert.Contains("num", cut.Find("thead th:nth-child(5)").ClassName);
        Assert.NotNull(cut.Find("tr.agenda-item strong.nowrap"));
    }

    [Fact]
    public void The_agenda_warns_when_planned_minutes_overrun_the_meeting()
    {
        var cut = Render<AgendaTable>(p => p
            .Add(x => x.Agenda, Enumerable.Range(1, 17).Select(i => Item(i, 8)).ToList())
            .Add(x => x.MeetingMinutes, 120));

        Assert.Contains("over the meeting's length", cut.Markup);
        Assert.Contains("2 h 16 min", cut.Markup);
    }

    [Fact]
    public void Next_meetings_says_plainly_when_there_are_none()
    {
        var cut = Render<NextMeetings>(p => p.Add(x => x.Meetings, []));

        Assert.Contains("No meetings are planned", cut.Markup);
    }

    [Fact]
    public void Next_meetings_link_to_the_meeting_with_its_case_counts()
    {
        var id = Guid.NewGuid();
        var meeting = new MeetingSummary(id, "Croydon DAPP", new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero), 120,
            "Room 2", null, MeetingStatus.Circulated, 7, 10, 0);

        var cut = Render<NextMeetings>(p => p.Add(x => x.Meetings, [meeting]));

        Assert.Equal($"/meetings/{id}", cut.Find("a").GetAttribute("href"));
        Assert.Contains("17 cases: 7 new, 10 reviews", cut.Markup);
        Assert.Contains("Circulated", cut.Markup);
    }

    [Fact]
    public void Agency_actions_mark_the_overdue_ones()
    {
        AgencyActionView Row(string text, bool overdue) => new(
            new ActionView(Guid.NewGuid(), text, "Probation", null, new DateOnly(2026, 11, 20), ActionStatus.Open, overdue),
            "DAPP-26-031", new DateTimeOffset(2026, 11, 10, 10, 0, 0, TimeSpan.Zero));

        var cut = Render<AgencyActions>(p => p
            .Add(x => x.AgencyName, "Probation")
            .Add(x => x.Actions, [Row("Share licence conditions", true), Row("Joint visit", false)]));

        var rows = cut.FindAll("tbody tr");
        Assert.Contains("Overdue", rows[0].TextContent);
        Assert.DoesNotContain("Overdue", rows[1].TextContent);
        Assert.Contains("Open", rows[1].TextContent);
    }

    [Fact]
    public void Agency_actions_say_when_there_are_none()
    {
        var cut = Render<AgencyActions>(p => p.Add(x => x.AgencyName, "Housing").Add(x => x.Actions, []));

        Assert.Contains("Your agency has no open actions", cut.Markup);
    }
}
