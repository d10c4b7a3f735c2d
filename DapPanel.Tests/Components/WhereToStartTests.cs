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
    [InlineData(Role.AgencyMember, "/case-list", "/research", "/review-updates", "/live")]
    public void Each_role_is_told_where_to_go_with_a_link_to_each_of_its_features(Role role, params string[] links)
    {
        var next = Guid.NewGuid();
        var cut = Render<WhereToStart>(p => p.Add(c => c.Actor, Person(role)).Add(c => c.NextMeetingId, next));

        Assert.Single(cut.FindAll("h3.where-role"));
        var hrefs = cut.FindAll("a.where-link").Select(a => a.GetAttribute("href")!).ToList();
        foreach (var link in links)
            Assert.Contains(hrefs, h => h.EndsWith(link));
    }

    [Fact]
    public void A_person_with_two_roles_sees_both_and_no_link_points_at_a_meeting_when_there_is_none()
    {
        var cut = Render<WhereToStart>(p => p.Add(c => c.Actor, Person(Role.Chair, Role.Administrator)));

        Assert.Equal(2, cut.FindAll("h3.where-role").Count);
        Assert.DoesNotContain(cut.FindAll("a.where-link"), a => a.GetAttribute("href")!.StartsWith("/meetings/"));
    }
}
