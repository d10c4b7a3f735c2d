using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace DapPanel.App.Security;

/// <summary>
/// HTTPS end to end behind a reverse proxy: forwarded headers believed only from the proxies the operator names,
/// cookies that only travel over HTTPS outside Development, HSTS, redirects to https, and nothing cached or announced
/// that should not be.
/// </summary>
public static class TransportSecurity
{
    public static void AddTransportSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var proxies = configuration.GetSection("ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = Math.Max(1, proxies.ForwardLimit);
            // Only the configured proxies are believed; the framework's loopback default is replaced by the setting.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies) forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.KnownNetworks) forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });

        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(Math.Max(1, configuration.GetValue("Security:HstsMaxAgeDays", 365)));
            hsts.IncludeSubDomains = true;
            hsts.ExcludedHosts.Clear(); // outside Development every host name is a real deployment's
        });

        if (environment.IsDevelopment()) return;
        // Behind the proxy, browsers reach the app on the standard HTTPS port.
        services.AddHttpsRedirection(https => https.HttpsPort = configuration.GetValue("Security:HttpsPort", 443));
        services.PostConfigureAll<CookieAuthenticationOptions>(cookie => cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always);
    }

    /// <summary>First in the pipeline, so every later step sees the browser's scheme and address.</summary>
    public static IApplicationBuilder UseTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            // A load balancer's plain health probe of a node is answered, not redirected.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }
        return app.Use(async (context, next) =>
        {
            // Pages and downloads carry case detail: no browser or proxy keeps a copy. Static assets set their own.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.CacheControl))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            await next();
        });
    }

    /// <summary>Validates the settings at start, so a typo in a proxy address stops the app with a clear message.</summary>
    public static void Validate(IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        foreach (var proxy in proxies.KnownProxies)
            if (!IPAddress.TryParse(proxy, out _))
                throw new InvalidOperationException($"ForwardedHeaders:KnownProxies has \"{proxy}\", which is not an IP address.");
        foreach (var network in proxies.KnownNetworks)
            if (!System.Net.IPNetwork.TryParse(network, out _))
                throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks has \"{network}\", which is not a network like 10.0.0.0/8.");
    }
}

/// <summary>The "ForwardedHeaders" settings: which reverse proxies may tell the app the browser's scheme and address.</summary>
public sealed class ForwardedHeadersSettings
{
    public string[] KnownProxies { get; init; } = [];
    public string[] KnownNetworks { get; init; } = [];
    /// <summary>How many proxies in a row to believe (one nginx: 1).</summary>
    public int ForwardLimit { get; init; } = 1;
}
