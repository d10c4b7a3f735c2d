using System.Security.Claims;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace DapPanel.App.Security;

/// <summary>
/// Turns the signed-in user of a page into the <see cref="Actor"/> that Core services check, in the page view it is
/// looking at.
/// </summary>
public sealed class ActorAccessor(AuthenticationStateProvider authentication, PageView pageView)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var actor = FromPrincipal(state.User)
            ?? throw new AccessDeniedException("Your session has ended; sign in again.");
        return actor with { View = pageView.Current };
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
