using DapPanel.Core.Domain;

namespace DapPanel.Tests.Domain;

public class MeetingRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    static Meeting MeetingWith(int items, DateTimeOffset startsAt)
    {
        var meeting = new Meeting { StartsAt = startsAt };
        for (var i = 0; i < items; i++) meeting.AgendaItems.Add(new AgendaItem { Order = i + 1 });
        return meeting;
    }

    [Fact]
    public void An_empty_agenda_cannot_be_circulated()
    {
        var meeting = MeetingWith(0, Now.AddDays(10));

        var refusal = Assert.Throws<DomainRuleException>(() => meeting.Circulate(Now));

        Assert.Contains("empty", refusal.Message);
        Assert.Equal(MeetingStatus.Draft, meeting.Status);
    }

    [Fact]
    public void A_past_meeting_cannot_be_circulated()
    {
        Assert.Throws<DomainRuleException>(() => MeetingWith(3, Now.AddHours(-1)).Circulate(Now));
    }

    [Fact]
    public void A_meeting_goes_draft_circulated_live_closed()
    {
        var meeting = MeetingWith(2, Now.AddDays(10));

        meeting.Circulate(Now);
        Assert.Equal(MeetingStatus.Circulated, meeting.Status);
        Assert.Equal(Now, meeting.CirculatedAt);
        meeting.Start(Now.AddDays(10));
        Assert.Equal(MeetingStatus.Live, meeting.Status);
        meeting.Close(Now.AddDays(10).AddHours(2));
        Assert.Equal(MeetingStatus.Closed, meeting.Status);
        Assert.Throws<DomainRuleException>(() => meeting.Start(Now.AddDays(11)));
    }

    [Fact]
    public void Lever_areas_belong_to_their_family()
    {
        Lever.EnsureAreaFits(LeverFamily.Disrupt, LeverArea.BreachOfOrders);
        Lever.EnsureAreaFits(LeverFamily.Support, LeverArea.Housing);
        Lever.EnsureAreaFits(LeverFamily.Disrupt, LeverArea.Housing);
        Assert.Throws<DomainRuleException>(() => Lever.EnsureAreaFits(LeverFamily.Support, LeverArea.BreachOfOrders));
        Assert.Throws<DomainRuleException>(() => Lever.EnsureAreaFits(LeverFamily.Engagement, LeverArea.Identity));
    }

    [Fact]
    public void Every_fixed_value_has_a_label_of_its_own()
    {
        var areas = Enum.GetValues<LeverArea>();
        Assert.Equal(areas.Length, areas.Select(a => a.Label()).Distinct().Count());
        var reasons = Enum.GetValues<ClosureReason>();
        Assert.Equal(reasons.Length, reasons.Select(r => r.Label()).Distinct().Count());
        Assert.All(Enum.GetValues<AgencyKind>(), k => Assert.False(string.IsNullOrWhiteSpace(k.Label())));
        Assert.Equal(Enum.GetValues<LeverArea>().Length,
            Enum.GetValues<LeverFamily>().SelectMany(LeverAreas.For).Distinct().Count());
    }
}
