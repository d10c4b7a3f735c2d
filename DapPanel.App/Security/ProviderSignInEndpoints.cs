using DapPanel.App.Features.Account;
using DapPanel.Core.Audit;
using DapPanel.Core.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace DapPanel.App.Security;

public static class ProviderSignInEndpoints
{
    public static void MapProviderSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // "Sign in with <provider>" on the sign-in page: a form with the page's token, so no other site can start one.
        endpoints.MapPost("/account/external/{provider}", async (string provider, HttpContext context, ProviderSettings settings,
            IOptionsMonitor<OpenIdConnectOptions> schemes, IAuditLog audit, ILogger<ProviderSignIn> log) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
                return Results.LocalRedirect("/account/login?form=" + UnreadableForms.Marker);
            if (settings.Find(provider) is not { } found) return Results.LocalRedirect("/account/login");
            var returnUrl = LocalReturnUrl.Of(context.Request.HasFormContentType ? context.Request.Form["returnUrl"].ToString() : null);
            if (!await AnswersAsync(schemes.Get(found.Name), context.RequestAborted))
            {
                log.LogWarning("Sign-in through {Provider} could not start: its configuration could not be read", found.Name);
                await audit.RecordAsync(null, AuditAction.SignInFailed,
                    $"Sign-in through {found.DisplayName} could not start: {ProviderSignInProblem.Unreachable.Describe()}");
                return Results.LocalRedirect(ProviderSignInProblems.PageFor(found, ProviderSignInProblem.Unreachable));
            }
            var properties = new AuthenticationProperties
            {
                RedirectUri = $"{ProviderSignInServices.CallbackPath}?returnUrl={Uri.EscapeDataString(returnUrl)}",
            };
            properties.Items[ProviderSignIn.ProviderItem] = found.Name;
            return Results.Challenge(properties, [found.Name]);
        }).AllowAnonymous().RequireRateLimiting(SignInRateLimits.Policy).WithMetadata(new RequireAntiforgeryTokenAttribute());

        // The framework lands here once it accepted the provider's answer; the person is matched (or refused) here.
        endpoints.MapGet(ProviderSignInServices.CallbackPath, async (HttpContext context, ProviderSignIn signIn, string? returnUrl) =>
        {
            var next = await signIn.CompleteAsync(context, LocalReturnUrl.Of(returnUrl));
            return Results.Content(ContinuePage(next), "text/html; charset=utf-8");
        }).AllowAnonymous();
    }

    /// <summary>Whether the provider's discovery document and keys can be read (a few seconds at most).</summary>
    static async Task<bool> AnswersAsync(OpenIdConnectOptions options, CancellationToken aborted)
    {
        if (options.ConfigurationManager is null) return false;
        using var soon = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        soon.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var configuration = await options.ConfigurationManager.GetConfigurationAsync(soon.Token);
            return !string.IsNullOrEmpty(configuration.AuthorizationEndpoint);
        }
        catch (Exception unreachable) when (unreachable is InvalidOperationException or HttpRequestException or OperationCanceledException
                                             or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The browser arrives here from the provider's site. DapPanel's cookie is SameSite=Strict, which a browser does not
    /// send on a redirect that began on another site, so the next page is opened from this one instead.
    /// </summary>
    static string ContinuePage(string next)
    {
        var url = System.Net.WebUtility.HtmlEncode(next);
        return $"""
            <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={url}">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>Signing in · DapPanel</title></head>
            <body><p>Signing in… <a href="{url}">Continue</a></p></body></html>
            """;
    }
}
