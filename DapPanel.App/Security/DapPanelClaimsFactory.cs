using System.Security.Claims;
using DapPanel.Core.Data;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DapPanel.App.Security;

/// <summary>Puts the person, their agency and their name into the sign-in cookie.</summary>
public sealed class DapPanelClaimsFactory(
    UserManager<DapPanelUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options,
    IDbContextFactory<DapPanelDbContext> dbFactory)
    : UserClaimsPrincipalFactory<DapPanelUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DapPanelUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync();
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == user.PersonId);
        identity.AddClaim(new Claim(DapPanelClaims.PersonId, person.Id.ToString()));
        identity.AddClaim(new Claim(DapPanelClaims.AgencyId, person.AgencyId.ToString()));
        identity.AddClaim(new Claim(DapPanelClaims.FullName, person.FullName));
        identity.AddClaim(new Claim(DapPanelClaims.TwoFactorEnrolled, user.TwoFactorEnabled ? "true" : "false"));
        return identity;
    }
}
