using DapPanel.Core.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace DapPanel.App.Security;

/// <summary>
/// An open page (a circuit) re-checks its person every <see cref="SecuritySettings.RevalidationSeconds"/>:
/// a disabled or changed account turns the page signed-out, which sends the browser to sign in.
/// </summary>
public sealed class RevalidatingAuthenticationState(ILoggerFactory loggers, SessionValidity sessions, SecuritySettings settings)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => settings.Revalidation;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        sessions.IsCurrentAsync(state.User, cancellationToken);
}
