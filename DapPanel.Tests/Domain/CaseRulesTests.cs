using DapPanel.Core.Domain;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.Domain;

public class CaseRulesTests
{
    static readonly DateOnly Accepted = new(2026, 3, 10);

    [Fact]
    public void A_case_cannot_be_closed_before_three_months_from_acceptance()
    {
        var c = new CaseBuilder().AcceptedOn(Accepted).Build();

        var refusal = Assert.Throws<DomainRuleException>(() => c.Close(Accepted.AddMonths(3).AddDays(-1), ClosureReason.RiskReduced));

        Assert.Contains("3 months", refusal.Message);
        Assert.Equal(CaseStatus.Accepted, c.Status);
        Assert.Null(c.ClosedOn);
    }

    [Fact]
    public void A_case_can_be_closed_on_the_day_three_months_after_acceptance()
    {
        var c = new CaseBuilder().AcceptedOn(Accepted).Build();

        c.Close(Accepted.AddMonths(3), ClosureReason.ServiceUserDisengaged);

        Assert.Equal(CaseStatus.Closed, c.Status);
        Assert.Equal(ClosureReason.ServiceUserDisengaged, c.ClosureReason);
        Assert.Equal(new DateOnly(2026, 6, 10), c.ClosedOn);
    }

    [Fact]
    public void A_referral_that_was_never_accepted_cannot_be_closed()
    {
        var c = new CaseBuilder().Build();

        Assert.Throws<DomainRuleException>(() => c.Close(new DateOnly(2027, 1, 1), ClosureReason.RiskReduced));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_extension_beyond_twelve_months_needs_a_reason(string? reason)
    {
        var c = new CaseBuilder().AcceptedOn(Accepted).Build();

        var refusal = Assert.Throws<DomainRuleException>(() => c.Extend(reason));

        Assert.Contains("reason", refusal.Message);
        Assert.Null(c.ExtensionReason);
    }

    [Fact]
    public void An_extension_with_a_reason_is_recorded()
    {
        var c = new CaseBuilder().AcceptedOn(Accepted).Build();

        c.Extend("  New partner; risk still high.  ");

        Assert.Equal("New partner; risk still high.", c.ExtensionReason);
    }

    [Fact]
    public void A_case_open_twelve_months_without_a_reason_needs_one()
    {
        var c = new CaseBuilder().AcceptedOn(Accepted).Build();

        Assert.False(c.NeedsExtensionReason(Accepted.AddMonths(12).AddDays(-1)));
        Assert.True(c.NeedsExtensionReason(Accepted.AddMonths(12)));
        c.Extend("Still a concern");
        Assert.False(c.NeedsExtensionReason(Accepted.AddMonths(12)));
    }

    [Fact]
    public void A_closed_case_cannot_be_reviewed_or_extended()
    {
        var c = new CaseBuilder().AcceptedOn(Accepted).Build();
        c.Close(Accepted.AddMonths(4), ClosureReason.InterventionsCompleted);

        Assert.Throws<DomainRuleException>(() => c.ScheduleReview(Accepted.AddMonths(5)));
        Assert.Throws<DomainRuleException>(() => c.Extend("reason"));
    }
}
