using DapPanel.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using DapPanel.App.Hubs;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.App.Security;

public static class SecurityServices
{
    static readonly string[] KeptOnRefresh =
        [SignInSessionStore.SessionClaim, System.Security.Claims.ClaimTypes.AuthenticationMethod, ProviderSignIn.TwoFactorClaim];

    public static IServiceCollection AddDapPanelSecurity(this IServiceCollection services, SecuritySettings settings)
    {
        services.AddSingleton(settings);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationState>();
        services.AddSingleton<SignInSessionStore>();
        // The sign-in guard (a singleton) hashes with it; the hasher keeps no state, so one serves every request.
        services.AddSingleton<IPasswordHasher<DapPanelUser>, PasswordHasher<DapPanelUser>>();
        services.AddSingleton<SignInGuard>();
        services.AddSignInRateLimits(settings);
        services.AddSingleton<SessionValidity>();
        services.AddSingleton<HubSessions>();
        services.AddHostedService<HubSessionSweeper>();
        services.AddHostedService<ExpiredSessionSweeper>();
        services.AddScoped<PageView>();
        services.AddScoped<ActorAccessor>();
        services.AddSingleton<LastSignIn>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "DapPanel.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.SlidingExpiration = true;
            // Open pages sign themselves out at the idle time (idle-sign-out.js); the cookie lapses a minute
            // later whatever the browser does, and its sliding renewal needs requests, which keep-alive makes.
            cookie.ExpireTimeSpan = settings.IdleTimeout + TimeSpan.FromMinutes(1);
            // A request from a session that has ended (signed out, or the person disabled or changed) is anonymous at
            // once, not at the stamp's next check: the sign-in page it is sent to must not carry the old identity.
            var checkStamp = cookie.Events.OnValidatePrincipal;
            cookie.Events.OnValidatePrincipal = async context =>
            {
                await checkStamp(context);
                if (context.Principal is not { Identity.IsAuthenticated: true } principal) return;
                var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionValidity>();
                if (await sessions.IsCurrentRecentlyAsync(principal, context.HttpContext.RequestAborted)) return;
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            };
        });
        // The cookie carries a session key; the sign-in itself stays on the server until signed out.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SignInSessionStore>((cookie, store) => cookie.SessionStore = store);
        // A sign-in whose account was disabled or changed stops working for requests within a minute.
        services.Configure<SecurityStampValidatorOptions>(stamp =>
        {
            stamp.ValidationInterval = settings.Revalidation < TimeSpan.FromMinutes(1) ? settings.Revalidation : TimeSpan.FromMinutes(1);
            // The refreshed principal stays in the session it was signed in with, and keeps how it signed in (a
            // provider's name, a second factor asserted by it or by DapPanel's code), which Identity would drop.
            stamp.OnRefreshingPrincipal = refresh =>
            {
                if (refresh.CurrentPrincipal is not { } current || refresh.NewPrincipal?.Identities.FirstOrDefault() is not { } identity)
                    return Task.CompletedTask;
                foreach (var type in KeptOnRefresh)
                    foreach (var claim in current.FindAll(type))
                        if (!identity.HasClaim(type, claim.Value)) identity.AddClaim(new System.Security.Claims.Claim(type, claim.Value));
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();

        // Identity's stores want a scoped context; it comes from the same pooled factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DapPanelDbContext>>().CreateDbContext());
        services.AddIdentityCore<DapPanelUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DapPanelDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<DapPanelClaimsFactory>()
            .AddDefaultTokenProviders();
        return services;
    }
}
