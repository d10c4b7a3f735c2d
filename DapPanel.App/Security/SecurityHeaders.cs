namespace DapPanel.App.Security;

/// <summary>
/// Headers every response carries. The policy allows only this site's own scripts and connections;
/// styles may be inline because MudBlazor sets style attributes and its theme writes a style element.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy; <paramref name="signInOrigins"/> are the agencies' providers, which the sign-in and sign-out forms
    /// redirect to (browsers hold a form's redirects to form-action too).
    /// </summary>
    public static string ContentSecurityPolicy(IEnumerable<string> signInOrigins) =>
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        $"font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action {string.Join(' ', ["'self'", .. signInOrigins])}; " +
        "base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var policy = ContentSecurityPolicy(app.ApplicationServices.GetRequiredService<ProviderSettings>().Origins);
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            await next();
        });
    }

    /// <summary>Refuses WebSocket upgrades (circuits and the hub) whose Origin is another site.</summary>
    public static IApplicationBuilder UseSameOriginWebSockets(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.WebSockets.IsWebSocketRequest && context.Request.Headers.Origin is { Count: > 0 } origin
                && !IsSameHost(origin.ToString(), context.Request.Host))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next();
        });

    static bool IsSameHost(string origin, HostString host) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, host.Value, StringComparison.OrdinalIgnoreCase);
}
