using DapPanel.Core.Audit;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DapPanel.App.Security;

/// <summary>
/// One OpenID Connect scheme per configured provider: authorization code with PKCE, tokens checked by the framework
/// (issuer, audience, signature, lifetime, nonce), the outcome handed to <see cref="ProviderSignIn"/> through Identity's
/// short-lived external cookie. DapPanel's own session is made only after a person is matched.
/// </summary>
public static class ProviderSignInServices
{
    /// <summary>Where the framework lands after a provider's answer was accepted; the person is matched there.</summary>
    public const string CallbackPath = "/account/external/callback";

    public static IServiceCollection AddProviderSignIn(this IServiceCollection services, ProviderSettings settings,
        IHostEnvironment environment)
    {
        services.AddSingleton(settings);
        services.AddSingleton<IAgencySignInMethods>(settings);
        services.AddScoped<ProviderSignIn>();
        services.AddSingleton<ProviderSignOut>();
        var authentication = services.AddAuthentication();
        foreach (var provider in settings.Providers)
            authentication.AddOpenIdConnect(provider.Name, provider.DisplayName, oidc => Configure(oidc, provider, environment));
        return services;
    }

    static void Configure(OpenIdConnectOptions oidc, SignInProvider provider, IHostEnvironment environment)
    {
        oidc.Authority = provider.Authority;
        oidc.RequireHttpsMetadata = !provider.AllowHttp;
        oidc.ClientId = provider.ClientId;
        oidc.ClientSecret = provider.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;
        // The code comes back on a top-level GET, so the correlation and nonce cookies can be SameSite=Lax.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" }) oidc.Scope.Add(scope);
        oidc.CallbackPath = provider.CallbackPath;
        oidc.SignedOutCallbackPath = provider.SignedOutCallbackPath;
        oidc.RemoteSignOutPath = provider.RemoteSignOutPath;
        oidc.SignedOutRedirectUri = "/account/login";
        oidc.SignInScheme = IdentityConstants.ExternalScheme;
        // A sign-out the provider starts ends DapPanel's own session.
        oidc.SignOutScheme = IdentityConstants.ApplicationScheme;
        oidc.MapInboundClaims = false;
        oidc.ClaimActions.Remove("acr"); // kept: a configured acr value can satisfy two-factor sign-in
        oidc.GetClaimsFromUserInfoEndpoint = false;
        oidc.SaveTokens = false; // only the ID token is kept, for signing out at the provider (OnTokenValidated)
        oidc.TokenValidationParameters.NameClaimType = "name";
        // A provider that does not answer gives a clear page in seconds, not a minute.
        oidc.BackchannelTimeout = TimeSpan.FromSeconds(15);
        oidc.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(15);
        oidc.DisableTelemetry = true;
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = secure;
        }

        oidc.Events.OnRedirectToIdentityProvider = context =>
        {
            if (provider.TwoFactorAcrValues.Count > 0)
                context.ProtocolMessage.AcrValues = string.Join(' ', provider.TwoFactorAcrValues);
            return Task.CompletedTask;
        };
        oidc.Events.OnTokenValidated = context =>
        {
            var idToken = context.TokenEndpointResponse?.IdToken ?? context.ProtocolMessage.IdToken;
            if (idToken is not null)
                context.Properties!.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
            return Task.CompletedTask;
        };
        oidc.Events.OnRemoteFailure = context => RefuseAsync(context, provider);
    }

    /// <summary>A token that could not be trusted, a provider that did not answer or refused: a clear page, an audit entry.</summary>
    static async Task RefuseAsync(RemoteFailureContext context, SignInProvider provider)
    {
        var problem = ProviderSignInProblems.Of(context.Failure);
        var services = context.HttpContext.RequestServices;
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProviderSignIn))
            .LogWarning("Sign-in through {Provider} refused ({Problem}): {Failure}: {Reason}", provider.Name, problem,
                context.Failure?.GetType().Name, context.Failure?.Message);
        await services.GetRequiredService<IAuditLog>().RecordAsync(null, AuditAction.SignInFailed,
            $"Sign-in through {provider.DisplayName} refused: {problem.Describe()}");
        context.Response.Redirect(ProviderSignInProblems.PageFor(provider, problem));
        context.HandleResponse();
    }
}
