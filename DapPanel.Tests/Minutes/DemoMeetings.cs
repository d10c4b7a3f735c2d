using DapPanel.Core.Domain;
using DapPanel.Core.Meetings;
using DapPanel.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.Minutes;

static class DemoMeetings
{
    /// <summary>The demo panel's six recent closed meetings (after its two years of history), oldest first; tests that change minutes each take their own.</summary>
    public static async Task<List<MeetingSummary>> ClosedAsync(TestServer server)
    {
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        return (await server.Services.GetRequiredService<IMeetingQueries>().ListAsync(chair))
            .Where(m => m.Status == MeetingStatus.Closed).OrderBy(m => m.StartsAt).TakeLast(6).ToList();
    }

    /// <summary>A closed meeting before those <see cref="ClosedAsync"/> gives, for a test whose minutes go final.</summary>
    public static async Task<MeetingSummary> EarlierClosedAsync(TestServer server, int before)
    {
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        return (await server.Services.GetRequiredService<IMeetingQueries>().ListAsync(chair))
            .Where(m => m.Status == MeetingStatus.Closed).OrderBy(m => m.StartsAt).SkipLast(6 + before).Last();
    }

    public static async Task<MeetingSummary> UpcomingAsync(TestServer server)
    {
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        return (await server.Services.GetRequiredService<IMeetingQueries>().ListAsync(chair))
            .Single(m => m.Status != MeetingStatus.Closed);
    }
}
