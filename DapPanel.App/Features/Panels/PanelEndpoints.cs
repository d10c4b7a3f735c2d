using DapPanel.App.Features.Account;
using DapPanel.App.Security;
using DapPanel.Core.Panels;
using Microsoft.AspNetCore.Antiforgery;

namespace DapPanel.App.Features.Panels;

public static class PanelEndpoints
{
    public const string SwitchPath = "/panels/current";

    public static void MapPanelEndpoints(this IEndpointRouteBuilder endpoints) =>
        // The panel switcher's form: remembers the choice (a panel of the person's own, or none for all) and goes back.
        endpoints.MapPost(SwitchPath, async (HttpContext context, IPanelQueries panels) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
                return Results.Text("Choose a panel from a DapPanel page: this request did not come from one.", statusCode: StatusCodes.Status400BadRequest);
            var actor = ActorAccessor.FromPrincipal(context.User)!;
            var form = await context.Request.ReadFormAsync();
            var returnUrl = LocalReturnUrl.Of(form["returnUrl"]);
            if (!Guid.TryParse(form["panelId"], out var panelId))
            {
                context.Response.Cookies.Delete(CurrentPanel.CookieName);
                return Results.LocalRedirect(returnUrl);
            }
            if (!(await panels.MineAsync(actor)).Any(p => p.Id == panelId))
                return Results.Text("That panel is not one of yours.", statusCode: StatusCodes.Status403Forbidden);
            context.Response.Cookies.Append(CurrentPanel.CookieName, panelId.ToString(), new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });
            return Results.LocalRedirect(returnUrl);
        }).RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute());
}
