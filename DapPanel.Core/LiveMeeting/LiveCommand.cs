using System.Security.Cryptography;
using System.Text.Json;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;

namespace DapPanel.Core.LiveMeeting;

/// <summary>
/// One command to a meeting as its caller sent it: the id the caller chose, and what it asked for (its name and
/// every value it was given). A command id is answered truthfully: the same id with the same command, person and
/// content gets the first answer again; the same id with anything different is refused.
/// </summary>
public sealed record LiveCommand(Guid Id, Guid MeetingId, string Name, params object?[] Details)
{
    /// <summary>What was asked, by whom, as a short fixed-length text stored beside the command id.</summary>
    public string FingerprintFor(Actor actor)
    {
        var asked = JsonSerializer.SerializeToUtf8Bytes(new object?[] { Name, actor.PersonId, MeetingId, Details });
        return Convert.ToBase64String(SHA256.HashData(asked));
    }

    public const int FingerprintLength = 44;
}

/// <summary>A command id sent again for a different command, person or content.</summary>
public sealed class CommandIdReusedException()
    : DomainRuleException("That command id was already used for a different command. Send each new command with a new id; "
        + "resend a command only exactly as it was.");
