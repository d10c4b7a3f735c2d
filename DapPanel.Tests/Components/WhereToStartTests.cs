using Bunit;
using DapPanel.App.Features.Home;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;

namespace DapPanel.Tests.Components;

public class WhereToStartTests : BunitTest
{
    static Actor Person(params Role[] roles) => new("user", Guid.NewGuid(), Guid.NewGuid(), "Test Person", roles.ToHashSet());

    [Theory]
    [InlineData(Role.Administrator, "/referrals/new", "/circulate", "/readiness", "/attendance/settings")]
    [InlineData(Role.Chair, "/live", "/cases")]
    [InlineData(Role.Manager, "/insight", "/meetings")]
    [InlineData(Role.AgencyMember, "/case-list", "/research", "/live")]
    public void Each_role_is_told_where_to_go_with_a_link_to_each_of_its_features(Role role, params string[] links)
    {
        var cut = Render<WhereToStart>(p => p.Add(c => c.Actor, Person(role)).Add(c => c.NextMeeting, Next(MeetingStatus.Circulated)));

        Assert.Single(cut.FindAll("h3.where-role"));
        var hrefs = cut.FindAll("a.where-link").Select(a => a.GetAttribute("href")!).ToList();
        foreach (var link in links)
            Assert.Contains(hrefs, h => h.EndsWith(link));
    }

    [Fact]
    public void Review_updates_are_offered_only_to_the_case_management_provider()
    {
        var member = Render<WhereToStart>(p => p.Add(c => c.Actor, Person(Role.AgencyMember)).Add(c => c.NextMeeting, Next(MeetingStatus.Circulated)));
        var provider = Render<WhereToStart>(p => p.Add(c => c.Actor, Person(Role.AgencyMember))
            .Add(c => c.NextMeeting, Next(MeetingStatus.Circulated)).Add(c => c.WritesReviewUpdates, true));

        Assert.DoesNotContain(member.FindAll("a.where-link"), a => a.GetAttribute("href")!.EndsWith("/review-updates"));
        Assert.Contains(provider.FindAll("a.where-link"), a => a.GetAttribute("href")!.EndsWith("/review-updates"));
    }

    [Fact]
    public void Before_circulation_an_agency_member_is_not_linked_to_the_meetings_cases()
    {
        var cut = Render<WhereToStart>(p => p.Add(c => c.Actor, Person(Role.AgencyMember)).Add(c => c.NextMeeting, Next(MeetingStatus.Draft)));

        Assert.Empty(cut.FindAll("a.where-link"));
    }

    static DapPanel.Core.Meetings.MeetingSummary Next(MeetingStatus status) =>
        new(Guid.NewGuid(), "Croydon DAPP", DateTimeOffset.UtcNow.AddDays(7), 120, null, null, status, 7, 10, 0);

    [Fact]
    public void A_person_with_two_roles_sees_both_and_no_link_points_at_a_meeting_when_there_is_none()
    {
        var cut = Render<WhereToStart>(p => p.Add(c => c.Actor, Person(Role.Chair, Role.Administrator)));

        Assert.Equal(2, cut.FindAll("h3.where-role").Count);
        Assert.DoesNotContain(cut.FindAll("a.where-link"), a => a.GetAttribute("href")!.StartsWith("/meetings/"));
    }
}
