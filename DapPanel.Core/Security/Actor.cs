using DapPanel.Core.Domain;

namespace DapPanel.Core.Security;

/// <summary>Who is asking: every service command and query takes one and checks it.</summary>
public sealed record Actor(string UserId, Guid PersonId, Guid AgencyId, string Name, IReadOnlySet<Role> Roles)
{
    /// <summary>
    /// The one page view, or hub connection, this request belongs to: what it discloses is audited once per view
    /// (a prerendered page and its interactive render are one view). Null for downloads, each one audited.
    /// </summary>
    public Guid? View { get; init; }

    public bool Is(Role role) => Roles.Contains(role);

    public bool IsAny(params Role[] roles) => roles.Any(Roles.Contains);

    public void Require(string whatFor, params Role[] anyOf)
    {
        if (!IsAny(anyOf))
            throw new AccessDeniedException(
                $"Only {string.Join(" or ", anyOf.Select(r => r.Label().ToLowerInvariant() + "s"))} can {whatFor}.");
    }

    /// <summary>Chairs, administrators and managers work across agencies; members see their panels.</summary>
    public bool SeesEveryPanel => IsAny(Role.Administrator, Role.Chair, Role.Manager);
}

public static class DapPanelClaims
{
    public const string PersonId = "dappanel:person";
    public const string AgencyId = "dappanel:agency";
    public const string FullName = "dappanel:name";
    /// <summary>"true" when the account signs in with an authenticator app as well as its password.</summary>
    public const string TwoFactorEnrolled = "dappanel:2fa";
}
