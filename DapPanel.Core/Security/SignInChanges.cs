namespace DapPanel.Core.Security;

/// <summary>
/// Tells this node's open pages and hub connections at once when a person's access changed (disabled, new roles or
/// agency, two-factor reset), instead of at their next periodic check. Other nodes notice at that check.
/// </summary>
public sealed class SignInChanges
{
    public event Action<string>? Revoked;

    public void Revoke(string userId) => Revoked?.Invoke(userId);
}
