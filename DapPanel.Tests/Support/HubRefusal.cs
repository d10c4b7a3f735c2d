using Microsoft.AspNetCore.SignalR;

namespace DapPanel.Tests.Support;

/// <summary>What a failed hub call tells its caller.</summary>
public static class HubRefusal
{
    const string Sent = "HubException: ";

    /// <summary>
    /// The message the hub chose to send, or null for a server error: the client sees
    /// "An unexpected error occurred invoking 'X' on the server. HubException: &lt;message&gt;" only for the former.
    /// </summary>
    public static string? MessageOf(HubException failure)
    {
        var at = failure.Message.IndexOf(Sent, StringComparison.Ordinal);
        return at < 0 ? null : failure.Message[(at + Sent.Length)..];
    }

    /// <summary>The server closed the connection (a message over its size limit) instead of answering.</summary>
    public static bool IsDroppedConnection(HubException failure) => failure.Message.Contains("server closed the connection");
}
