using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace DapPanel.App.Security;

/// <summary>
/// An open page (a circuit) re-checks its person every <see cref="SecuritySettings.RevalidationSeconds"/>: a disabled
/// or changed account turns the page signed-out, which sends the browser to sign in. A sign-out, or a change made on
/// this node, does so at once.
/// </summary>
public sealed class RevalidatingAuthenticationState : RevalidatingServerAuthenticationStateProvider
{
    static readonly Task<AuthenticationState> SignedOut = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

    readonly SessionValidity sessions;
    readonly SecuritySettings settings;
    readonly ILogger log;

    public RevalidatingAuthenticationState(ILoggerFactory loggers, SessionValidity sessions, SecuritySettings settings) : base(loggers)
    {
        (this.sessions, this.settings) = (sessions, settings);
        log = loggers.CreateLogger<RevalidatingAuthenticationState>();
        sessions.Ended += OnEnded;
    }

    protected override TimeSpan RevalidationInterval => settings.Revalidation;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        sessions.IsCurrentAsync(state.User, cancellationToken);

    /// <summary>Where this page goes after its session was signed out, so it says what the signing-out tab says.</summary>
    public string? SignInPageAfterSignOut { get; private set; }

    async void OnEnded(SessionEnd end)
    {
        try
        {
            if (!end.Covers((await GetAuthenticationStateAsync()).User)) return;
            SignInPageAfterSignOut = end.SignInPage;
            SetAuthenticationState(SignedOut);
        }
        catch (Exception gone)
        {
            log.LogDebug(gone, "A page whose session ended could not be signed out; its circuit had gone");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) sessions.Ended -= OnEnded;
        base.Dispose(disposing);
    }
}
