using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace DapPanel.App.Security;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, SignInManager<DapPanelUser> signIn, IAuditLog audit,
            SessionValidity sessions, ProviderSignOut providerSignOut) =>
        {
            // A form without the page's token was not sent by this person's own page: nothing is done.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
                return Results.Text("Sign out from a DapPanel page: this request did not come from one.", statusCode: StatusCodes.Status400BadRequest);
            var actor = ActorAccessor.FromPrincipal(context.User);
            var idle = context.Request.HasFormContentType && context.Request.Form["reason"] == "idle";
            var signInPage = idle ? "/account/login?idle=true" : "/account/login";
            // Someone who signed in through their agency's provider, and chose to sign out, signs out there too (the
            // browser is sent to its end-session page, which comes back to the sign-in page). It reads the ID token
            // from this session, so it goes first. After the idle time the person is not there: DapPanel alone ends.
            var atProvider = !idle && await providerSignOut.StartAsync(context, signInPage);
            // Deletes the session on the server (the cookie's ticket store), not only the browser's cookie.
            await signIn.SignOutAsync();
            // Open pages go where this one goes: to the provider's sign-out page when this sign-out goes there.
            sessions.SignedOut(context.User, atProvider ? context.Response.Headers.Location.ToString() : signInPage);
            if (actor is not null)
                await audit.RecordAsync(actor, AuditAction.SignOut, (idle ? "Signed out after the idle time" : "Signed out")
                    + (atProvider ? $" (and of {providerSignOut.DisplayNameOf(context.User)})" : ""));
            return atProvider ? Results.Empty : Results.LocalRedirect(signInPage);
        }).RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute());

        // Open pages call this while their person is active: the sliding cookie renews itself on the way.
        endpoints.MapPost("/account/keep-alive", () => Results.NoContent()).RequireAuthorization().DisableAntiforgery();
    }
}
