using DapPanel.Core.Domain;

namespace DapPanel.Core.Administration;

/// <summary>A person as administrators see them: their agency, and their sign-in if they have one.</summary>
public sealed record PersonAccountView(
    Guid PersonId, string FullName, string? Email, string? JobTitle, Guid AgencyId, string AgencyName,
    PersonSignIn? SignIn, Guid Version);

/// <param name="HasPassword">False for a sign-in imported from a list, until an administrator gives its first password.</param>
public sealed record PersonSignIn(
    string UserId, IReadOnlySet<Role> Roles, bool IsActive, bool IsLockedOut, bool TwoFactorEnabled)
{
    /// <summary>Whether the account has a password of its own.</summary>
    public bool HasPassword { get; init; }

    /// <summary>The sign-in providers (their names) whose accounts are linked to this one.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    public DateTimeOffset? LastSignInAt { get; init; }

    /// <summary>"password" or a provider's name.</summary>
    public string? LastSignInMethod { get; init; }
}

public sealed record AgencyAdminView(
    Guid Id, string Name, AgencyKind Kind, string? SeniorContactName, string? SeniorContactEmail, int People, Guid Version);

public sealed class NewPersonInput
{
    public string FullName { get; set; } = "";
    public string Email { get; set; } = "";
    public string? JobTitle { get; set; }
    public Guid AgencyId { get; set; }
    public HashSet<Role> Roles { get; set; } = [];
    /// <summary>The first password, given to the person by the administrator; it must meet the password rules.</summary>
    public string Password { get; set; } = "";
}

public sealed class PersonAccessInput
{
    public string FullName { get; set; } = "";
    public string? JobTitle { get; set; }
    public Guid AgencyId { get; set; }
    public HashSet<Role> Roles { get; set; } = [];
}

public sealed class AgencyInput
{
    public string Name { get; set; } = "";
    public AgencyKind Kind { get; set; } = AgencyKind.Other;
    public string? SeniorContactName { get; set; }
    public string? SeniorContactEmail { get; set; }
}
