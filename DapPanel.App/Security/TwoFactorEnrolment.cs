using DapPanel.Core.Security;
using Microsoft.AspNetCore.Diagnostics;

namespace DapPanel.App.Security;

/// <summary>
/// When two-factor sign-in is required, a signed-in person who has not enrolled an authenticator app
/// can reach only the account pages: page requests go to enrolment, everything else (circuits, the
/// hub, PDF and CSV endpoints) is refused.
/// </summary>
public static class TwoFactorEnrolment
{
    public const string EnrolPath = "/account/two-factor";

    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app, SecuritySettings settings) =>
        !settings.RequireTwoFactor ? app : app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && !IsEnrolled(context) && !IsAllowedBeforeEnrolment(context.Request.Path))
            {
                if (HttpMethods.IsGet(context.Request.Method) && AcceptsHtml(context.Request))
                    context.Response.Redirect(EnrolPath);
                else
                {
                    // A plain refusal: the not-found page would otherwise be re-run for it, with the request's method.
                    if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                }
                return;
            }
            await next();
        });

    /// <summary>Enrolled in DapPanel's own codes, or signed in with a second factor the agency's provider asserted.</summary>
    static bool IsEnrolled(HttpContext context) =>
        context.User.HasClaim(DapPanelClaims.TwoFactorEnrolled, "true")
        || context.User.HasClaim(ProviderSignIn.TwoFactorClaim, ProviderSignIn.TwoFactorValue);

    static bool IsAllowedBeforeEnrolment(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/health") || path.StartsWithSegments("/error") || path.StartsWithSegments("/not-found")
        || path.Value?.EndsWith(".css", StringComparison.Ordinal) == true || path.Value?.EndsWith(".js", StringComparison.Ordinal) == true;

    static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
