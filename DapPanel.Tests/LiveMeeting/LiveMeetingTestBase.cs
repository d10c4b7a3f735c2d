using DapPanel.Core.Attendance;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using DapPanel.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Tests.LiveMeeting;

/// <summary>The live-room services and the demo people who use them.</summary>
public abstract class LiveMeetingTestBase(TestServer server)
{
    protected TestServer Server { get; } = server;
    protected IMeetingFlow Flow => Server.Services.GetRequiredService<IMeetingFlow>();
    protected ILeverBoard Levers => Server.Services.GetRequiredService<ILeverBoard>();
    protected IDecisionRecorder Decisions => Server.Services.GetRequiredService<IDecisionRecorder>();
    protected IActionBoard Actions => Server.Services.GetRequiredService<IActionBoard>();
    protected ILiveMeetingQueries Live => Server.Services.GetRequiredService<ILiveMeetingQueries>();
    protected IAttendanceService Attendance => Server.Services.GetRequiredService<IAttendanceService>();

    protected Task<Actor> Chair() => Server.DemoAsync("chair@dappanel.example", Role.Chair);
    protected Task<Actor> CoChair() => Server.DemoAsync("cochair@dappanel.example", Role.Chair);
    protected Task<Actor> Probation() => Server.DemoAsync("probation@dappanel.example", Role.AgencyMember);
    protected Task<Actor> Housing() => Server.DemoAsync("housing@dappanel.example", Role.AgencyMember);
    protected Task<Actor> Manager() => Server.DemoAsync("manager@dappanel.example", Role.Manager);

    protected async Task<TestMeeting> LiveMeetingAsync(int items = 3, Func<int, Case>? caseFor = null)
    {
        var meeting = await Server.CreateAsync(items, caseFor: caseFor);
        await Flow.StartAsync(await Chair(), Guid.NewGuid(), meeting.Id);
        return meeting;
    }

    protected async Task<LiveMeetingView> ViewAsync(Guid meetingId) => await ViewAsAsync(await Chair(), meetingId);

    /// <summary>What this person sees once they have acknowledged the confidentiality statement, as everyone must.</summary>
    protected async Task<LiveMeetingView> ViewAsAsync(Actor actor, Guid meetingId)
    {
        await Attendance.AcknowledgeAsync(actor, meetingId);
        return await Live.GetViewAsync(actor, meetingId);
    }
}
