namespace DapPanel.Core.Domain;

/// <summary>
/// A one-time address for creating the first administrator of an empty deployment. Only a hash of its token is kept;
/// it works once, for 24 hours, and never once an active administrator exists.
/// </summary>
public class SetupToken
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>SHA-256 of the token, in hexadecimal: the token itself is only ever printed.</summary>
    public required string TokenHash { get; set; }
    public SetupTokenSource Source { get; set; }
    /// <summary>The administrator's email the command-line setup named; the form then takes only this one.</summary>
    public string? AdministratorEmail { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    /// <summary>Set when a later start issued a newer address: only the latest printed one works.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
}

/// <summary>Where a setup address came from: a start of the app, or <c>setup --admin-email</c>.</summary>
public enum SetupTokenSource { AppStart, Command }

/// <summary>A backup the app's backup command took; the go-live checklist asks for one in the last day.</summary>
public class BackupRecord
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public DateTimeOffset TakenAt { get; set; }
    public required string FileName { get; set; }
    public long SizeBytes { get; set; }
}
