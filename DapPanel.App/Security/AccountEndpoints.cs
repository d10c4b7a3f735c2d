using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.AspNetCore.Identity;

namespace DapPanel.App.Security;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, SignInManager<DapPanelUser> signIn, IAuditLog audit) =>
        {
            var actor = ActorAccessor.FromPrincipal(context.User);
            await signIn.SignOutAsync();
            if (actor is not null)
                await audit.RecordAsync(actor, AuditAction.SignOut, "Signed out");
            return Results.LocalRedirect("/account/login");
        }).RequireAuthorization();
    }
}
