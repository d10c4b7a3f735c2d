namespace DapPanel.Core.Domain;

public enum AuditAction
{
    SignIn, SignInFailed, LockedOut, SignOut, ViewedCaseDetail, Exported, Changed, PermissionChanged, Erased,
}

/// <summary>One line of the append-only audit log. Never updated, never deleted.</summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public AuditAction Action { get; set; }
    public string? UserId { get; set; }
    public required string ActorName { get; set; }
    public Guid? CaseId { get; set; }
    public Guid? MeetingId { get; set; }
    public required string Summary { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    /// <summary>For a disclosure made in a page view or hub connection: the view and what it showed, recorded once.</summary>
    public string? ViewKey { get; set; }

    public const int MaxViewKeyLength = 80;
}
