using Microsoft.AspNetCore.SignalR;

namespace DapPanel.App.Hubs;

/// <summary>
/// What the meeting hub tells its callers and its log. A refusal (a <see cref="HubException"/> worded for the person)
/// is logged at Information without a stack trace; a caller that went away is Debug; anything else is a fault, logged
/// at Error with its stack trace and answered with <see cref="ServerFaultException"/>, whose text names nothing of the
/// server. The hub sends its callers detailed errors (HostingServices) so a refused argument or an oversized message
/// says why; this filter is what keeps those details to what is meant for them.
/// </summary>
public sealed class MeetingHubFilter(ILogger<MeetingHubFilter> log) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext,
        Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var method = invocationContext.HubMethodName;
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refusal)
        {
            log.LogInformation("Refused {HubMethod}: {Reason}", method, refusal.Message);
            throw;
        }
        catch (OperationCanceledException) when (invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            log.LogDebug("{HubMethod} stopped: the caller disconnected", method);
            throw new HubException("The connection closed before the command finished; send it again with the same id.");
        }
        catch (Exception fault)
        {
            log.LogError(fault, "{HubMethod} failed", method);
            throw new ServerFaultException();
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (Exception fault) when (fault is not HubException)
        {
            log.LogError(fault, "Opening a meeting hub connection failed");
            throw new ServerFaultException();
        }
    }
}

/// <summary>A fault on the server, as its caller is told of it: nothing about the server, and what to do.</summary>
public sealed class ServerFaultException()
    : Exception("The server could not complete this. Nothing was changed by it; try again, and tell the administrator if it keeps happening.");

/// <summary>The meeting hub's deliberate limits (docs/decisions/0017-meeting-hub-limits-and-refusals.md).</summary>
public static class MeetingHubLimits
{
    /// <summary>
    /// The largest message a client may send: the biggest command (a decision with a 4,000-character rationale and a
    /// 2,000-character extension reason, every character escaped in JSON) fits with room to spare; anything larger is
    /// not a command, and the connection is closed with the reason.
    /// </summary>
    public const int MaximumReceiveMessageSize = 32 * 1024;

    /// <summary>SignalR's dispatcher, whose own error log of each refused call MeetingHubFilter replaces.</summary>
    public const string DispatcherLogCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";
}
