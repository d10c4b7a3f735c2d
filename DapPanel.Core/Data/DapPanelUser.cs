using Microsoft.AspNetCore.Identity;

namespace DapPanel.Core.Data;

/// <summary>A sign-in account; the person it belongs to carries the agency.</summary>
public class DapPanelUser : IdentityUser
{
    public Guid PersonId { get; set; }
    public bool IsActive { get; set; } = true;
}
