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

    public static async Task<MeetingSummary> UpcomingAsync(TestServer server)
    {
        var chair = await server.DemoAsync("chair@dappanel.example", Role.Chair);
        return (await server.Services.GetRequiredService<IMeetingQueries>().ListAsync(chair))
            .Single(m => m.Status != MeetingStatus.Closed);
    }
}
