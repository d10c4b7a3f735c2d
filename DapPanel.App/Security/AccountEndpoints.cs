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
            var idle = context.Request.HasFormContentType && context.Request.Form["reason"] == "idle";
            await signIn.SignOutAsync();
            if (actor is not null)
                await audit.RecordAsync(actor, AuditAction.SignOut, idle ? "Signed out after the idle time" : "Signed out");
            return Results.LocalRedirect(idle ? "/account/login?idle=true" : "/account/login");
        }).RequireAuthorization();

        // Open pages call this while their person is active: the sliding cookie renews itself on the way.
        endpoints.MapPost("/account/keep-alive", () => Results.NoContent()).RequireAuthorization().DisableAntiforgery();
    }
}
