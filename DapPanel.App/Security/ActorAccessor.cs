using System.Security.Claims;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace DapPanel.App.Security;

/// <summary>Turns the signed-in user into the <see cref="Actor"/> that Core services check.</summary>
public sealed class ActorAccessor(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return FromPrincipal(state.User)
            ?? throw new AccessDeniedException("Your session has ended; sign in again.");
    }

    public static Actor? FromPrincipal(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null
            || !Guid.TryParse(user.FindFirstValue(DapPanelClaims.PersonId), out var personId)
            || !Guid.TryParse(user.FindFirstValue(DapPanelClaims.AgencyId), out var agencyId))
            return null;
        var roles = user.FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, out var role) ? role : (Role?)null)
            .OfType<Role>()
            .ToHashSet();
        return new Actor(userId, personId, agencyId, user.FindFirstValue(DapPanelClaims.FullName) ?? user.Identity.Name ?? "",
            roles);
    }
}
