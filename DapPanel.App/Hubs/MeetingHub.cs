using DapPanel.App.Security;
using DapPanel.Core.Attendance;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DapPanel.App.Hubs;

/// <summary>
/// The live room for non-browser clients (integrations, load tests): the same Core commands and
/// events as the page, with the same cookie sign-in and the same authorization.
/// </summary>
[Authorize]
public sealed class MeetingHub(
    ILiveMeetingQueries live, IAttendanceService attendance, IMeetingFlow flow, ILeverBoard levers, IDecisionRecorder decisions, IActionBoard actions,
    SessionValidity sessions, HubSessions hubs)
    : Hub
{
    public const string Path = "/hubs/meeting";
    public const string ChangedEvent = "MeetingChanged";

    public static string GroupOf(Guid meetingId) => "meeting:" + meetingId;

    /// <summary>The caller, in this connection's one view: its reads of a meeting are audited once per connection.</summary>
    Actor Actor => (ActorAccessor.FromPrincipal(Context.User!) ?? throw new HubException("Your session has ended; sign in again."))
        with { View = ConnectionView };

    Guid ConnectionView => (Guid)(Context.Items.TryGetValue("view", out var view) ? view! : Context.Items["view"] = Guid.NewGuid());

    string Seat => "hub:" + Context.ConnectionId;

    /// <summary>Cancelled when the caller disconnects: what they asked for stops rather than running on for nobody.</summary>
    CancellationToken Aborted => Context.ConnectionAborted;

    HashSet<Guid> Joined => (HashSet<Guid>)(Context.Items.TryGetValue("joined", out var set) ? set! : Context.Items["joined"] = new HashSet<Guid>());

    public Task<LiveMeetingView> JoinMeeting(Guid meetingId) => Guard(async actor =>
    {
        var view = await live.GetViewAsync(actor, meetingId, cancellationToken: Aborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(meetingId), Aborted);
        lock (Joined) Joined.Add(meetingId);
        await live.JoinAsync(actor, meetingId, Seat, Aborted);
        return view;
    });

    /// <summary>The panel's statement, to show before <see cref="AcknowledgeConfidentiality"/>.</summary>
    public Task<ConfidentialityView> GetConfidentialityStatement(Guid meetingId) =>
        Guard(actor => attendance.GetConfidentialityAsync(actor, meetingId, Aborted));

    /// <summary>Required once per meeting before JoinMeeting or GetView show case detail.</summary>
    public Task AcknowledgeConfidentiality(Guid meetingId) => Guard(async actor =>
    {
        await attendance.AcknowledgeAsync(actor, meetingId, Aborted);
        return true;
    });

    public Task LeaveMeeting(Guid meetingId) => Guard(async _ =>
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(meetingId), Aborted);
        lock (Joined) Joined.Remove(meetingId);
        await live.LeaveAsync(meetingId, Seat, Aborted);
        return true;
    });

    public Task<LiveMeetingView> GetView(Guid meetingId, long atLeastVersion) =>
        Guard(actor => live.GetViewAsync(actor, meetingId, atLeastVersion, Aborted));

    public Task<IReadOnlyList<ChangeEntry>> ChangesSince(Guid meetingId, long version) =>
        Guard(actor => live.ChangesSinceAsync(actor, meetingId, version, Aborted));

    public Task<long> StartMeeting(Guid commandId, Guid meetingId) => Guard(a => flow.StartAsync(a, commandId, meetingId, Aborted));
    public Task<long> CloseMeeting(Guid commandId, Guid meetingId) => Guard(a => flow.CloseAsync(a, commandId, meetingId, Aborted));
    public Task<long> MoveToItem(Guid commandId, Guid meetingId, Guid itemId) =>
        Guard(a => flow.MoveToAsync(a, commandId, meetingId, itemId, Aborted));
    public Task<long> NextItem(Guid commandId, Guid meetingId) => Guard(a => flow.NextAsync(a, commandId, meetingId, Aborted));
    public Task<long> StartTimer(Guid commandId, Guid meetingId) => Guard(a => flow.StartTimerAsync(a, commandId, meetingId, Aborted));
    public Task<long> PauseTimer(Guid commandId, Guid meetingId) => Guard(a => flow.PauseTimerAsync(a, commandId, meetingId, Aborted));
    public Task<long> DeferItem(Guid commandId, Guid meetingId, Guid itemId) =>
        Guard(a => flow.DeferAsync(a, commandId, meetingId, itemId, Aborted));

    public Task<long> AddLever(Guid commandId, Guid meetingId, Guid itemId, LeverInput lever) =>
        Guard(a => levers.AddAsync(a, commandId, meetingId, itemId, Required(lever), Aborted));

    public Task<long> EditLever(Guid commandId, Guid meetingId, Guid leverId, LeverInput lever, Guid expectedVersion) =>
        Guard(a => levers.EditAsync(a, commandId, meetingId, leverId, Required(lever), expectedVersion, Aborted));

    public Task<long> WithdrawLever(Guid commandId, Guid meetingId, Guid leverId, Guid expectedVersion) =>
        Guard(a => levers.WithdrawAsync(a, commandId, meetingId, leverId, expectedVersion, Aborted));

    public Task<long> RecordDecision(Guid commandId, Guid meetingId, Guid itemId, DecisionInput decision, Guid? expectedVersion) =>
        Guard(a => decisions.RecordAsync(a, commandId, meetingId, itemId, Required(decision), expectedVersion, Aborted));

    public Task<long> AgreeAction(Guid commandId, Guid meetingId, Guid itemId, ActionInput action) =>
        Guard(a => actions.AgreeAsync(a, commandId, meetingId, itemId, Required(action), Aborted));

    public Task<long> ReassignAction(Guid commandId, Guid meetingId, Guid actionId, ActionInput action, Guid expectedVersion) =>
        Guard(a => actions.ReassignAsync(a, commandId, meetingId, actionId, Required(action), expectedVersion, Aborted));

    /// <summary>A sign-in revoked since the cookie was issued (within the cookie's own check interval) cannot connect.</summary>
    public override async Task OnConnectedAsync()
    {
        if (!await sessions.IsCurrentAsync(Context.User!))
        {
            Context.Abort();
            return;
        }
        hubs.Opened(Context);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        hubs.Closed(Context);
        Guid[] meetings;
        lock (Joined) meetings = [.. Joined];
        foreach (var meetingId in meetings)
            await live.LeaveAsync(meetingId, Seat);
        await base.OnDisconnectedAsync(exception);
    }

    static T Required<T>(T? input) where T : class =>
        input ?? throw new DomainRuleException("The command is missing its details.");

    /// <summary>Refusals go back to the caller only, as a plain message (MeetingHubFilter logs them); nothing else is disclosed.</summary>
    async Task<T> Guard<T>(Func<Actor, Task<T>> command)
    {
        // The connection itself is closed by HubSessions; this call is refused in words the caller can show.
        if (!await sessions.IsCurrentRecentlyAsync(Context.User!))
            throw new HubException("Your access has changed; sign in again.");
        try
        {
            return await command(Actor);
        }
        catch (UserFacingException refusal)
        {
            throw new HubException(refusal.Message);
        }
    }
}
