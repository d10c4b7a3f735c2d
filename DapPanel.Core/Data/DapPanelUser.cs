using Microsoft.AspNetCore.Identity;

namespace DapPanel.Core.Data;

/// <summary>A sign-in account; the person it belongs to carries the agency.</summary>
public class DapPanelUser : IdentityUser
{
    public Guid PersonId { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>When the person last finished signing in, by any method.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>How: <see cref="PasswordSignIn"/>, or the name of the agency's sign-in provider.</summary>
    public string? LastSignInMethod { get; set; }

    public const string PasswordSignIn = "password";
    public const int MaxSignInMethodLength = 64;
}
