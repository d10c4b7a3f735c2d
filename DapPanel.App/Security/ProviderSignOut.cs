using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace DapPanel.App.Security;

/// <summary>
/// Signing out of DapPanel also signs out of the agency's provider, where the provider has an end-session endpoint
/// (RP-initiated logout): the ID token of the sign-in names the session to end there.
/// </summary>
public sealed class ProviderSignOut(ProviderSettings settings, IOptionsMonitor<OpenIdConnectOptions> schemes, ILogger<ProviderSignOut> log)
{
    public string DisplayNameOf(ClaimsPrincipal user) => ProviderOf(user)?.DisplayName ?? "";

    /// <summary>Sends the browser to the provider's end-session page when it has one; false when DapPanel alone signs out.</summary>
    public async Task<bool> StartAsync(HttpContext context, string thenTo)
    {
        if (ProviderOf(context.User) is not { } provider) return false;
        var options = schemes.Get(provider.Name);
        try
        {
            using var soon = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            soon.CancelAfter(TimeSpan.FromSeconds(5));
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(soon.Token);
            if (string.IsNullOrEmpty(configuration.EndSessionEndpoint)) return false;
        }
        catch (Exception unreachable) when (unreachable is InvalidOperationException or HttpRequestException or OperationCanceledException
                                             or IOException)
        {
            log.LogWarning("Signing out of {Provider} was skipped: its configuration could not be read", provider.Name);
            return false;
        }
        await context.SignOutAsync(provider.Name, new AuthenticationProperties { RedirectUri = thenTo });
        return true;
    }

    SignInProvider? ProviderOf(ClaimsPrincipal user) => settings.Find(user.FindFirstValue(ClaimTypes.AuthenticationMethod));
}
