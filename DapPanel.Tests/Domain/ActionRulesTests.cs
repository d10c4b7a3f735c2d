using DapPanel.Core.Domain;

namespace DapPanel.Tests.Domain;

public class ActionRulesTests
{
    static readonly DateOnly MeetingDate = new(2026, 12, 8);
    static readonly Guid Agency = Guid.NewGuid();

    [Fact]
    public void An_action_needs_an_owner_agency()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            PanelAction.Agree(Guid.NewGuid(), Guid.NewGuid(), MeetingDate, "Check address", Guid.Empty, null, MeetingDate));

        Assert.Contains("owner agency", refusal.Message);
    }

    [Fact]
    public void An_action_needs_a_due_date()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            PanelAction.Agree(Guid.NewGuid(), Guid.NewGuid(), MeetingDate, "Check address", Agency, null, null));

        Assert.Contains("due date", refusal.Message);
    }

    [Fact]
    public void An_action_cannot_be_due_before_the_meeting()
    {
        var refusal = Assert.Throws<DomainRuleException>(() =>
            PanelAction.Agree(Guid.NewGuid(), Guid.NewGuid(), MeetingDate, "Check address", Agency, null, MeetingDate.AddDays(-1)));

        Assert.Contains("before the meeting", refusal.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_action_says_what_it_is(string description)
    {
        Assert.Throws<DomainRuleException>(() =>
            PanelAction.Agree(Guid.NewGuid(), Guid.NewGuid(), MeetingDate, description, Agency, null, MeetingDate));
    }

    [Fact]
    public void An_overlong_action_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => PanelAction.Agree(Guid.NewGuid(), Guid.NewGuid(), MeetingDate,
            new string('x', PanelAction.MaxDescriptionLength + 1), Agency, null, MeetingDate));
    }

    [Fact]
    public void An_action_due_on_the_meeting_day_is_open_and_later_overdue()
    {
        var action = PanelAction.Agree(Guid.NewGuid(), Guid.NewGuid(), MeetingDate, " Check address ", Agency, null, MeetingDate);

        Assert.Equal("Check address", action.Description);
        Assert.Equal(ActionStatus.Open, action.Status);
        Assert.False(action.IsOverdue(MeetingDate));
        Assert.True(action.IsOverdue(MeetingDate.AddDays(1)));
    }
}
