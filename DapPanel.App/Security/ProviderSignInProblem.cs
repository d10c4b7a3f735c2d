using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace DapPanel.App.Security;

/// <summary>Why a sign-in through a provider did not lead to a DapPanel session, as the audit log and the page say it.</summary>
public enum ProviderSignInProblem
{
    /// <summary>The provider did not answer (discovery, keys or token endpoint).</summary>
    Unreachable,
    /// <summary>The provider refused the person (account disabled there, consent refused, sign-in cancelled).</summary>
    RefusedByProvider,
    WrongIssuer,
    WrongAudience,
    BadSignature,
    Expired,
    WrongNonce,
    /// <summary>Anything else the handler could not accept: a broken or unexpected answer.</summary>
    Untrusted,
    /// <summary>The answer came too late, in another browser, or twice: the sign-in's own cookies were gone.</summary>
    Stale,
    EmailNotVerified,
    /// <summary>The email's domain is not one the provider may vouch for.</summary>
    EmailDomainNotVouched,
    LockedOut,
}

public static class ProviderSignInProblems
{
    public const string PagePath = "/account/sign-in-failed";

    public static ProviderSignInProblem Of(Exception? failure) => failure switch
    {
        SecurityTokenInvalidIssuerException => ProviderSignInProblem.WrongIssuer,
        SecurityTokenInvalidAudienceException => ProviderSignInProblem.WrongAudience,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => ProviderSignInProblem.BadSignature,
        SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException => ProviderSignInProblem.Expired,
        OpenIdConnectProtocolInvalidNonceException => ProviderSignInProblem.WrongNonce,
        HttpRequestException or TaskCanceledException or TimeoutException => ProviderSignInProblem.Unreachable,
        // Discovery or keys could not be fetched: the framework wraps the network failure.
        InvalidOperationException when failure.Message.Contains("IDX20803", StringComparison.Ordinal) => ProviderSignInProblem.Unreachable,
        OpenIdConnectProtocolException when failure.Message.Contains("'access_denied'", StringComparison.Ordinal)
            || failure.Message.Contains("'login_required'", StringComparison.Ordinal)
            || failure.Message.Contains("'consent_required'", StringComparison.Ordinal) => ProviderSignInProblem.RefusedByProvider,
        AuthenticationFailureException when failure.Message.Contains("Correlation failed", StringComparison.Ordinal)
            || failure.Message.Contains("state", StringComparison.OrdinalIgnoreCase) => ProviderSignInProblem.Stale,
        { InnerException: { } inner } when Of(inner) is not ProviderSignInProblem.Untrusted and var found => found,
        _ => ProviderSignInProblem.Untrusted,
    };

    /// <summary>For the audit log: what was wrong, never who it was.</summary>
    public static string Describe(this ProviderSignInProblem problem) => problem switch
    {
        ProviderSignInProblem.Unreachable => "the provider did not answer",
        ProviderSignInProblem.RefusedByProvider => "the provider refused the sign-in (account disabled there, or sign-in cancelled)",
        ProviderSignInProblem.WrongIssuer => "the token was issued by someone other than the provider",
        ProviderSignInProblem.WrongAudience => "the token was meant for another application",
        ProviderSignInProblem.BadSignature => "the token's signature was not made with any of the provider's published keys",
        ProviderSignInProblem.Expired => "the token had expired",
        ProviderSignInProblem.WrongNonce => "the token answered another sign-in (nonce did not match)",
        ProviderSignInProblem.Stale => "the answer did not belong to a sign-in started in this browser, or came too late",
        ProviderSignInProblem.EmailNotVerified => "the provider did not vouch for a verified email address",
        ProviderSignInProblem.EmailDomainNotVouched => "the email's domain is not one this provider may vouch for",
        ProviderSignInProblem.LockedOut => "the account is locked after too many failed attempts",
        _ => "the provider's answer could not be read or trusted",
    };

    /// <summary>The page a person is sent to; what went wrong in a word, the provider by name.</summary>
    public static string PageFor(SignInProvider provider, ProviderSignInProblem problem) =>
        $"{PagePath}?provider={Uri.EscapeDataString(provider.Name)}&problem={problem.Slug()}";

    /// <summary>The page tells the person only what they can act on: every untrusted token reads alike.</summary>
    public static string Slug(this ProviderSignInProblem problem) => problem switch
    {
        ProviderSignInProblem.Unreachable => "unreachable",
        ProviderSignInProblem.RefusedByProvider => "refused",
        ProviderSignInProblem.Stale => "stale",
        ProviderSignInProblem.EmailNotVerified => "unverified",
        ProviderSignInProblem.EmailDomainNotVouched => "domain",
        ProviderSignInProblem.LockedOut => "locked",
        _ => "untrusted",
    };
}
