using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Core.Setup;

/// <summary>
/// The first administrator of an empty deployment (docs/decisions/0020-going-live.md): while no active
/// administrator exists, the app prints a one-time setup address; whoever opens it creates the first administrator,
/// once, within 24 hours. Only a hash of the token is stored.
/// </summary>
public sealed class FirstRunSetup(
    IDbContextFactory<DapPanelDbContext> dbFactory, IServiceScopeFactory scopes, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The page the printed address opens; the token is its <c>token</c> query value.</summary>
    public const string PagePath = "/setup/first-administrator";

    public async Task<bool> HasActiveAdministratorAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ActiveAdministratorExistsAsync(db, cancellationToken);
    }

    /// <summary>
    /// A new one-time token, or null when an active administrator already exists. A token issued at start replaces
    /// the one the previous start printed; one from the setup command stands beside it until used or expired.
    /// </summary>
    public async Task<string?> IssueAsync(SetupTokenSource source, string? administratorEmail = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await ActiveAdministratorExistsAsync(db, cancellationToken)) return null;
        var now = clock.GetUtcNow();
        if (source == SetupTokenSource.AppStart)
            foreach (var earlier in await db.SetupTokens
                         .Where(t => t.Source == SetupTokenSource.AppStart && t.UsedAt == null && t.RevokedAt == null)
                         .ToListAsync(cancellationToken))
                earlier.RevokedAt = now;
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.SetupTokens.Add(new SetupToken
        {
            TokenHash = Hash(token), Source = source, AdministratorEmail = Optional(administratorEmail),
            IssuedAt = now, ExpiresAt = now + SetupToken.Lifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Whether the address still works; when it does not, why, in words for the person holding it.</summary>
    public async Task<SetupTokenCheck> CheckAsync(string? token, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CheckAsync(db, token, cancellationToken);
    }

    /// <summary>
    /// Creates the first administrator (their organisation, person and sign-in) and spends the token, in one
    /// transaction; refused as a whole if the token no longer works or the input has problems.
    /// </summary>
    public async Task<FirstAdministratorCreated> CreateFirstAdministratorAsync(string? token, FirstAdministratorInput input,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var check = await CheckAsync(db, token, cancellationToken);
        if (!check.IsValid) throw new AccessDeniedException(check.Refusal!);

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DapPanelUser>>();
        var fullName = Tidy(input.FullName);
        var email = input.Email.Trim();
        var organisation = Tidy(input.Organisation);
        var jobTitle = Optional(input.JobTitle);
        var problems = new List<string>();
        if (fullName.Length == 0) problems.Add("Enter your full name.");
        else if (fullName.Length > 200) problems.Add("Your full name is at most 200 characters.");
        if (jobTitle?.Length > 200) problems.Add("Your job title is at most 200 characters.");
        if (organisation.Length == 0) problems.Add("Enter your organisation, for example the community safety partnership.");
        else if (organisation.Length > 200) problems.Add("The organisation's name is at most 200 characters.");
        if (email.Length is 0 or > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            problems.Add("Enter your work email address, like name@council.gov.uk; it is your sign-in name.");
        else if (check.AdministratorEmail is { } named && !string.Equals(named, email, StringComparison.OrdinalIgnoreCase))
            problems.Add($"This setup address was made for {named}: use that email address.");
        if (input.Password != input.ConfirmPassword) problems.Add("The two passwords are not the same.");

        var person = new Person { FullName = fullName, Email = email, JobTitle = jobTitle, AgencyId = Guid.Empty };
        var user = new DapPanelUser
        {
            UserName = email, Email = email, EmailConfirmed = true, PersonId = person.Id, LockoutEnabled = true,
            NormalizedUserName = users.NormalizeName(email), NormalizedEmail = users.NormalizeEmail(email),
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
        };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, input.Password);
            if (!result.Succeeded) problems.AddRange(result.Errors.Select(e => e.Description));
        }
        if (problems.Count == 0 && await db.Users.AnyAsync(u => u.NormalizedEmail == user.NormalizedEmail, cancellationToken))
            problems.Add($"{email} already has a sign-in, which is not an active administrator's. Use another address.");
        InvalidInputException.ThrowIfAny(problems);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Spent in the same transaction as the account: of two forms sent at once with one token, one wins.
        var now = clock.GetUtcNow();
        var spent = await db.SetupTokens.Where(t => t.Id == check.TokenId && t.UsedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (spent != 1) throw new AccessDeniedException(SetupTokenCheck.UsedText);

        await IdentityRoles.EnsureAsync(db, cancellationToken);
        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Name.ToLower() == organisation.ToLower(), cancellationToken)
            ?? db.Agencies.Add(new Agency { Name = organisation, Kind = AgencyKind.Other }).Entity;
        person.AgencyId = agency.Id;
        user.PasswordHash = users.PasswordHasher.HashPassword(user, input.Password);
        db.People.Add(person);
        db.Users.Add(user);
        var administratorRole = await db.Roles.Where(r => r.Name == nameof(Role.Administrator)).Select(r => r.Id).SingleAsync(cancellationToken);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = administratorRole });
        var actor = new Actor(user.Id, person.Id, agency.Id, fullName, new HashSet<Role> { Role.Administrator });
        audit.Add(db, actor, AuditAction.PermissionChanged,
            $"Created the first administrator, {fullName} ({organisation}), with the one-time setup address", after: "Administrator");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FirstAdministratorCreated(user.Id, person.Id, email);
    }

    async Task<SetupTokenCheck> CheckAsync(DapPanelDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return SetupTokenCheck.Invalid(SetupTokenCheck.UnknownText);
        var hash = Hash(token.Trim());
        var found = await db.SetupTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (found is null) return SetupTokenCheck.Invalid(SetupTokenCheck.UnknownText);
        if (await ActiveAdministratorExistsAsync(db, cancellationToken)) return SetupTokenCheck.Invalid(SetupTokenCheck.AdministratorExistsText);
        if (found.UsedAt is not null) return SetupTokenCheck.Invalid(SetupTokenCheck.UsedText);
        if (found.RevokedAt is not null) return SetupTokenCheck.Invalid(SetupTokenCheck.ReplacedText);
        if (found.ExpiresAt <= clock.GetUtcNow()) return SetupTokenCheck.Invalid(SetupTokenCheck.ExpiredText);
        return new SetupTokenCheck(true, null, found.Id, found.AdministratorEmail);
    }

    internal static async Task<bool> ActiveAdministratorExistsAsync(DapPanelDbContext db, CancellationToken cancellationToken)
    {
        var role = await db.Roles.Where(r => r.Name == nameof(Role.Administrator)).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (role is null) return false;
        return await db.UserRoles.Where(r => r.RoleId == role)
            .Join(db.Users.Where(u => u.IsActive), r => r.UserId, u => u.Id, (_, u) => u.Id)
            .AnyAsync(cancellationToken);
    }

    internal static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static string Tidy(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The first administrator's form.</summary>
public sealed class FirstAdministratorInput
{
    public string FullName { get; set; } = "";
    public string? JobTitle { get; set; }
    /// <summary>Their organisation, kept as an agency of kind Other (the panel's agencies come next).</summary>
    public string Organisation { get; set; } = "";
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

public sealed record FirstAdministratorCreated(string UserId, Guid PersonId, string Email);

/// <param name="Refusal">Why the address does not work, when it does not.</param>
/// <param name="AdministratorEmail">The only email the form takes, when the setup command named one.</param>
public sealed record SetupTokenCheck(bool IsValid, string? Refusal, Guid TokenId, string? AdministratorEmail)
{
    public const string UnknownText =
        "This setup address is not valid. Use the address DapPanel printed when it last started, or ask whoever runs "
        + "the server to run \"dotnet DapPanel.App.dll setup --admin-email you@example.org\" for a new one.";
    public const string AdministratorExistsText =
        "DapPanel already has an administrator, so setup addresses no longer work. Sign in instead: administrators add everyone else.";
    public const string UsedText = "This setup address has already been used: each works once. Sign in with the account it created.";
    public const string ReplacedText =
        "A newer setup address was printed when DapPanel last started; only the newest one works. Use that one.";
    public const string ExpiredText =
        "This setup address has expired (each works for 24 hours). Restart DapPanel, or run its setup command, for a new one.";

    public static SetupTokenCheck Invalid(string refusal) => new(false, refusal, Guid.Empty, null);
}
