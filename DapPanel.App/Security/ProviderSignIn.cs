using System.Security.Claims;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DapPanel.App.Security;

/// <summary>
/// Turns a provider's accepted answer into a DapPanel session, or a refusal. There is no self-registration: the
/// provider's stable subject id, once linked, or else its verified email in a domain it may vouch for, must find a
/// person an administrator created, active, in one of the provider's agencies. A provider that asserts a second
/// factor satisfies two-factor sign-in; otherwise DapPanel asks for its own code as it does after a password.
/// </summary>
public sealed class ProviderSignIn(
    SignInManager<DapPanelUser> signIn, IDbContextFactory<DapPanelDbContext> dbFactory, ProviderSettings settings,
    IAuditLog audit, LastSignIn lastSignIn, ILogger<ProviderSignIn> log)
{
    /// <summary>The claim on DapPanel's own sign-in that the provider asserted a second factor (Identity's own).</summary>
    public const string TwoFactorClaim = "amr";
    public const string TwoFactorValue = "mfa";

    public const string NotAMemberPath = "/account/not-a-member";

    /// <summary>Where the browser goes next: a page of DapPanel, or a refusal page.</summary>
    public async Task<string> CompleteAsync(HttpContext context, string returnUrl)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        // The external cookie only hands the answer over; it never outlives this request.
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (external is not { Succeeded: true, Principal: { } answer }
            || !external.Properties.Items.TryGetValue(ProviderItem, out var name) || settings.Find(name) is not { } provider)
            return ProviderSignInProblems.PagePath + "?problem=" + ProviderSignInProblem.Stale.Slug();

        var subject = answer.FindFirstValue("sub");
        if (string.IsNullOrEmpty(subject)) return await RefuseAsync(provider, ProviderSignInProblem.Untrusted, null);

        var user = await FindLinkedAsync(provider, subject);
        if (user is null)
        {
            var email = answer.FindFirstValue("email");
            if (string.IsNullOrWhiteSpace(email) || !IsVerified(answer))
                return await RefuseAsync(provider, ProviderSignInProblem.EmailNotVerified, null);
            if (!provider.VouchesFor(email))
                return await RefuseAsync(provider, ProviderSignInProblem.EmailDomainNotVouched, null);
            var matched = await MatchByEmailAsync(provider, email.Trim(), subject);
            if (matched.User is null) return await NotAMemberAsync(provider, matched.Why, matched.UserId);
            user = matched.User;
        }

        var agency = await AgencyOfAsync(user);
        if (!user.IsActive) return await NotAMemberAsync(provider, "the person's DapPanel sign-in is disabled", user.Id);
        if (settings.ForAgency(agency) != provider)
            return await NotAMemberAsync(provider, "the person's agency does not sign in through this provider", user.Id);
        if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            await audit.RecordAsync(null, AuditAction.LockedOut, $"Sign-in through {provider.DisplayName} refused: the account is locked",
                userId: user.Id);
            return ProviderSignInProblems.PageFor(provider, ProviderSignInProblem.LockedOut);
        }

        var twoFactorAsserted = AssertsTwoFactor(provider, answer);
        if (!twoFactorAsserted && await signIn.IsTwoFactorEnabledAsync(user))
        {
            // DapPanel's own code, as after a password; the code step finishes the sign-in and records it.
            var pending = await signIn.ExternalLoginSignInAsync(provider.Name, subject, isPersistent: false, bypassTwoFactor: false);
            if (pending.RequiresTwoFactor) return $"/account/login-code?returnUrl={Uri.EscapeDataString(returnUrl)}";
            return await RefuseAsync(provider, pending.IsLockedOut ? ProviderSignInProblem.LockedOut : ProviderSignInProblem.Untrusted, user.Id);
        }

        var properties = new AuthenticationProperties();
        if (external.Properties.GetTokenValue(OpenIdConnectParameterNames.IdToken) is { } idToken)
            properties.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken }]);
        List<Claim> claims = [new(ClaimTypes.AuthenticationMethod, provider.Name)];
        if (twoFactorAsserted) claims.Add(new Claim(TwoFactorClaim, TwoFactorValue));
        await signIn.SignInWithClaimsAsync(user, properties, claims);
        await lastSignIn.RecordAsync(user.Id, provider.Name);
        await audit.RecordAsync(null, AuditAction.SignIn,
            $"Signed in through {provider.DisplayName}" + (twoFactorAsserted ? ", which asserted a second factor" : ""), userId: user.Id);
        return returnUrl;
    }

    /// <summary>Set on the challenge, read back from the external cookie.</summary>
    public const string ProviderItem = "LoginProvider";

    /// <summary>The provider says the email is its owner's: OpenID Connect's email_verified, or Entra ID's xms_edov.</summary>
    static bool IsVerified(ClaimsPrincipal answer) =>
        new[] { "email_verified", "xms_edov" }.Any(type => bool.TryParse(answer.FindFirstValue(type), out var verified) && verified);

    static bool AssertsTwoFactor(SignInProvider provider, ClaimsPrincipal answer) =>
        answer.FindAll("amr").Any(c => string.Equals(c.Value, TwoFactorValue, StringComparison.OrdinalIgnoreCase))
        || (answer.FindFirstValue("acr") is { Length: > 0 } acr && provider.TwoFactorAcrValues.Contains(acr, StringComparer.Ordinal));

    async Task<DapPanelUser?> FindLinkedAsync(SignInProvider provider, string subject)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.UserLogins.Where(l => l.LoginProvider == provider.Name && l.ProviderKey == subject)
            .Join(db.Users, l => l.UserId, u => u.Id, (l, u) => u).AsNoTracking().SingleOrDefaultAsync();
    }

    /// <summary>A person an administrator made, with this email, not yet linked to another account at this provider.</summary>
    async Task<(DapPanelUser? User, string Why, string? UserId)> MatchByEmailAsync(SignInProvider provider, string email, string subject)
    {
        var normalized = signIn.UserManager.NormalizeEmail(email);
        await using var db = await dbFactory.CreateDbContextAsync();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (user is null) return (null, "no person here has the email the provider vouched for", null);
        if (await db.UserLogins.AnyAsync(l => l.UserId == user.Id && l.LoginProvider == provider.Name))
            return (null, "the email belongs to a person already linked to another account at this provider", user.Id);
        if (!user.IsActive) return (null, "the person's DapPanel sign-in is disabled", user.Id);
        db.UserLogins.Add(new IdentityUserLogin<string>
        {
            LoginProvider = provider.Name, ProviderKey = subject, ProviderDisplayName = provider.DisplayName, UserId = user.Id,
        });
        await db.SaveChangesAsync();
        await audit.RecordAsync(null, AuditAction.PermissionChanged,
            $"Linked the DapPanel sign-in to the person's {provider.DisplayName} account, matched by its verified email", userId: user.Id);
        return (user, "", user.Id);
    }

    async Task<string> AgencyOfAsync(DapPanelUser user)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.People.Where(p => p.Id == user.PersonId).Select(p => p.Agency!.Name).SingleAsync();
    }

    async Task<string> NotAMemberAsync(SignInProvider provider, string why, string? userId)
    {
        log.LogInformation("Sign-in through {Provider} matched no member of the panel ({Reason}); user {UserId}", provider.Name, why,
            userId ?? "none");
        await audit.RecordAsync(null, AuditAction.SignInFailed, $"Sign-in through {provider.DisplayName} refused: {why}", userId: userId);
        return $"{NotAMemberPath}?provider={Uri.EscapeDataString(provider.Name)}";
    }

    async Task<string> RefuseAsync(SignInProvider provider, ProviderSignInProblem problem, string? userId)
    {
        log.LogWarning("Sign-in through {Provider} refused ({Problem}); user {UserId}", provider.Name, problem, userId ?? "none");
        await audit.RecordAsync(null, AuditAction.SignInFailed, $"Sign-in through {provider.DisplayName} refused: {problem.Describe()}",
            userId: userId);
        return ProviderSignInProblems.PageFor(provider, problem);
    }
}
