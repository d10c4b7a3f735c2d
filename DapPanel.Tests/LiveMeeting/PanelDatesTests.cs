using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Tests.Support;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>Due and review dates near the meeting: not before it, not years after it.</summary>
[Collection(LiveServerCollection.Name)]
public class PanelDatesTests(TestServer server) : LiveMeetingTestBase(server)
{
    [Theory]
    [InlineData(9999, 12, 31)]
    [InlineData(0, 0, 1)] // one day past two years from the meeting
    public async Task A_due_date_years_away_is_refused_with_the_latest_allowed(int year, int month, int day)
    {
        var meeting = await LiveMeetingAsync(1);
        var meetingDate = (await ViewAsync(meeting.Id)).Date;
        var due = year == 0 ? meetingDate.AddYears(PanelDates.MaxYearsAhead).AddDays(day) : new DateOnly(year, month, day);
        var chair = await Chair();
        var police = await Server.AgencyIdAsync(AgencyKind.Police);

        var refusal = await Assert.ThrowsAsync<DomainRuleException>(() =>
            Actions.AgreeAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0], new ActionInput("Visit", police, null, due)));

        Assert.Contains("more than 2 years after the meeting", refusal.Message);
        Assert.Contains($"by {meetingDate.AddYears(2):d MMM yyyy}", refusal.Message);
        await Actions.AgreeAsync(chair, Guid.NewGuid(), meeting.Id, meeting.ItemIds[0],
            new ActionInput("Visit", police, null, meetingDate.AddYears(PanelDates.MaxYearsAhead)));
    }

    [Fact]
    public async Task A_review_date_years_away_or_before_the_meeting_is_refused()
    {
        var meeting = await LiveMeetingAsync(1);
        var meetingDate = (await ViewAsync(meeting.Id)).Date;
        var chair = await Chair();

        var tooFar = await Assert.ThrowsAsync<DomainRuleException>(() => Decisions.RecordAsync(chair, Guid.NewGuid(), meeting.Id,
            meeting.ItemIds[0], new DecisionInput(DecisionOutcome.Review, "More information", ReviewOn: new DateOnly(9999, 12, 31)), null));
        var before = await Assert.ThrowsAsync<DomainRuleException>(() => Decisions.RecordAsync(chair, Guid.NewGuid(), meeting.Id,
            meeting.ItemIds[0], new DecisionInput(DecisionOutcome.Review, "More information", ReviewOn: meetingDate.AddDays(-1)), null));

        Assert.Contains("more than 2 years after the meeting", tooFar.Message);
        Assert.Contains("must be after this meeting", before.Message);
        Assert.Null((await ViewAsync(meeting.Id)).Items[0].Decision);
    }

    [Fact]
    public void An_area_of_another_family_is_named_with_its_article()
    {
        var engagement = Assert.Throws<DomainRuleException>(() => Lever.EnsureAreaFits(LeverFamily.Engagement, LeverArea.Housing));
        var support = Assert.Throws<DomainRuleException>(() => Lever.EnsureAreaFits(LeverFamily.Support, LeverArea.ProbationContact));

        Assert.EndsWith("is not an engagement area.", engagement.Message);
        Assert.EndsWith("is not a support area.", support.Message);
    }
}
