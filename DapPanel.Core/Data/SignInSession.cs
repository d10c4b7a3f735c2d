namespace DapPanel.Core.Data;

/// <summary>
/// One signed-in session, kept on the server: the browser's cookie holds only its key. Signing out, idle sign-out
/// and disabling the person delete the row, so a copied cookie is dead on every node at once.
/// </summary>
public class SignInSession
{
    public required string Key { get; set; }
    public required string UserId { get; set; }
    /// <summary>The sign-in ticket, protected by the app's Data Protection keys.</summary>
    public required byte[] Ticket { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    public const int MaxKeyLength = 64;
}
