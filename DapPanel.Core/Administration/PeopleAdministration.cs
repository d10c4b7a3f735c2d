using System.Net.Mail;
using System.Security.Cryptography;
using DapPanel.Core.Audit;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.LiveMeeting;
using DapPanel.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Core.Administration;

/// <summary>
/// Administrators add people with a sign-in, change their roles and agency, disable, unlock and reset
/// two-factor sign-in. Every change renews the account's security stamp, so sign-ins issued before it
/// (open pages and hub connections included) stop working at their next check.
/// </summary>
public interface IPeopleAdministration
{
    Task<IReadOnlyList<PersonAccountView>> ListAsync(Actor actor, CancellationToken cancellationToken = default);
    Task<Guid> AddAsync(Actor actor, NewPersonInput input, CancellationToken cancellationToken = default);
    Task ChangeAccessAsync(Actor actor, Guid personId, PersonAccessInput input, Guid expectedVersion, CancellationToken cancellationToken = default);
    Task SetActiveAsync(Actor actor, Guid personId, bool active, Guid expectedVersion, CancellationToken cancellationToken = default);
    Task UnlockAsync(Actor actor, Guid personId, Guid expectedVersion, CancellationToken cancellationToken = default);
    Task ResetTwoFactorAsync(Actor actor, Guid personId, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>The first password of a sign-in that has none (imported from a list), given to the person by the administrator.</summary>
    Task SetFirstPasswordAsync(Actor actor, Guid personId, string password, Guid expectedVersion, CancellationToken cancellationToken = default);
}

public sealed class PeopleAdministration(
    IDbContextFactory<DapPanelDbContext> dbFactory, IServiceScopeFactory scopes, IAuditLog audit, LiveMeetingReadModel liveRooms, SignInChanges signIns,
    IAgencySignInMethods signInMethods, TimeProvider clock)
    : IPeopleAdministration
{
    const string Managing = "manage people and their access";
    // Where Identity keeps the authenticator key and the recovery codes.
    const string IdentityTokenProvider = "[AspNetUserStore]";

    public async Task<IReadOnlyList<PersonAccountView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var people = await db.People.AsNoTracking().OrderBy(p => p.FullName)
            .Select(p => new { p.Id, p.FullName, p.Email, p.JobTitle, p.AgencyId, Agency = p.Agency!.Name, p.Version })
            .ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        var roles = await RolesByUserAsync(db, cancellationToken);
        var logins = (await db.UserLogins.AsNoTracking().Select(l => new { l.UserId, l.LoginProvider }).ToListAsync(cancellationToken))
            .ToLookup(l => l.UserId, l => l.LoginProvider);
        var now = clock.GetUtcNow();
        return people.Select(p =>
        {
            var user = users.FirstOrDefault(u => u.PersonId == p.Id);
            var signIn = user is null ? null : new PersonSignIn(user.Id, roles.GetValueOrDefault(user.Id) ?? new HashSet<Role>(),
                user.IsActive, user.LockoutEnd > now, user.TwoFactorEnabled)
            {
                HasPassword = user.PasswordHash is not null, Providers = [.. logins[user.Id].Order()],
                LastSignInAt = user.LastSignInAt, LastSignInMethod = user.LastSignInMethod,
            };
            return new PersonAccountView(p.Id, p.FullName, p.Email, p.JobTitle, p.AgencyId, p.Agency, signIn, p.Version);
        }).ToList();
    }

    public async Task<Guid> AddAsync(Actor actor, NewPersonInput input, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        var fullName = input.FullName.Trim();
        var email = input.Email.Trim();
        var jobTitle = Optional(input.JobTitle);
        var problems = DescribeProblems(fullName, jobTitle, input.Roles);
        if (email.Length is 0 or > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            problems.Add("Enter the person's work email address, like name@agency.gov.uk; it is also their sign-in name.");

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DapPanelUser>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == input.AgencyId, cancellationToken);
        if (agency is null) problems.Add("Choose the person's agency.");
        var normalizedEmail = users.NormalizeEmail(email);
        if (problems.Count == 0 && await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail || u.NormalizedUserName == normalizedEmail, cancellationToken))
            problems.Add($"{email} already has a sign-in.");

        var person = new Person { FullName = fullName, Email = email, JobTitle = jobTitle, AgencyId = input.AgencyId };
        var user = new DapPanelUser
        {
            UserName = email, Email = email, EmailConfirmed = true, PersonId = person.Id, LockoutEnabled = true,
            NormalizedUserName = users.NormalizeName(email), NormalizedEmail = normalizedEmail, SecurityStamp = NewStamp(),
        };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, input.Password);
            if (!result.Succeeded) problems.AddRange(result.Errors.Select(e => e.Description));
        }
        InvalidInputException.ThrowIfAny(problems);

        user.PasswordHash = users.PasswordHasher.HashPassword(user, input.Password);
        db.People.Add(person);
        db.Users.Add(user);
        await AddRolesAsync(db, user.Id, input.Roles, cancellationToken);
        audit.Add(db, actor, AuditAction.PermissionChanged, $"Added {fullName} ({agency!.Name}) with a sign-in as {email}",
            after: Describe(agency.Name, input.Roles, active: true));
        await db.SaveChangesAsync(cancellationToken);
        liveRooms.DirectoryChanged(); // offered as an action owner in open rooms
        return person.Id;
    }

    public async Task ChangeAccessAsync(Actor actor, Guid personId, PersonAccessInput input, Guid expectedVersion,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        var fullName = input.FullName.Trim();
        var jobTitle = Optional(input.JobTitle);
        var problems = DescribeProblems(fullName, jobTitle, input.Roles);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (person, user) = await LoadAsync(db, personId, expectedVersion, cancellationToken);
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == input.AgencyId, cancellationToken);
        if (agency is null) problems.Add("Choose the person's agency.");
        InvalidInputException.ThrowIfAny(problems);

        var oldAgency = await db.Agencies.Where(a => a.Id == person.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var roles = await RolesAsync(db, user.Id, cancellationToken);
        if (roles.Contains(Role.Administrator) && !input.Roles.Contains(Role.Administrator))
        {
            if (user.Id == actor.UserId)
                throw new DomainRuleException("You cannot remove your own administrator role; ask another administrator.");
            await RequireAnotherAdministratorAsync(db, user.Id, cancellationToken);
        }
        var before = Describe(oldAgency, roles, user.IsActive);
        person.FullName = fullName;
        person.JobTitle = jobTitle;
        person.AgencyId = agency!.Id;
        db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == user.Id).ToListAsync(cancellationToken));
        await AddRolesAsync(db, user.Id, input.Roles, cancellationToken);
        var after = Describe(agency.Name, input.Roles, user.IsActive);
        await SaveAsync(db, actor, person, user, before == after ? AuditAction.Changed : AuditAction.PermissionChanged,
            $"Changed {fullName}'s details and access", before, after, cancellationToken);
        liveRooms.DirectoryChanged(); // a new name or agency shows in open rooms
    }

    public async Task SetActiveAsync(Actor actor, Guid personId, bool active, Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (person, user) = await LoadAsync(db, personId, expectedVersion, cancellationToken);
        if (user.IsActive == active) return;
        var roles = await RolesAsync(db, user.Id, cancellationToken);
        if (!active)
        {
            if (user.Id == actor.UserId) throw new DomainRuleException("You cannot disable your own sign-in.");
            if (roles.Contains(Role.Administrator)) await RequireAnotherAdministratorAsync(db, user.Id, cancellationToken);
        }
        var agency = await db.Agencies.Where(a => a.Id == person.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        var before = Describe(agency, roles, user.IsActive);
        user.IsActive = active;
        // Open sessions end now, on every node, rather than at their next security-stamp check.
        if (!active) db.SignInSessions.RemoveRange(await db.SignInSessions.Where(s => s.UserId == user.Id).ToListAsync(cancellationToken));
        await SaveAsync(db, actor, person, user, AuditAction.PermissionChanged,
            active ? $"Enabled {person.FullName}'s sign-in" : $"Disabled {person.FullName}'s sign-in",
            before, Describe(agency, roles, active), cancellationToken);
        liveRooms.DirectoryChanged(); // offered, or no longer, as an action owner in open rooms
    }

    public async Task UnlockAsync(Actor actor, Guid personId, Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (person, user) = await LoadAsync(db, personId, expectedVersion, cancellationToken);
        var wasLocked = user.LockoutEnd > clock.GetUtcNow();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await SaveAsync(db, actor, person, user, AuditAction.PermissionChanged, $"Unlocked {person.FullName}'s sign-in",
            wasLocked ? "locked" : "not locked", "unlocked", cancellationToken);
    }

    public async Task ResetTwoFactorAsync(Actor actor, Guid personId, Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (person, user) = await LoadAsync(db, personId, expectedVersion, cancellationToken);
        var before = user.TwoFactorEnabled ? "two-factor sign-in on" : "two-factor sign-in off";
        user.TwoFactorEnabled = false;
        db.UserTokens.RemoveRange(await db.UserTokens
            .Where(t => t.UserId == user.Id && t.LoginProvider == IdentityTokenProvider).ToListAsync(cancellationToken));
        await SaveAsync(db, actor, person, user, AuditAction.PermissionChanged,
            $"Reset {person.FullName}'s two-factor sign-in; they set it up again at their next sign-in",
            before, "two-factor sign-in off, authenticator and recovery codes removed", cancellationToken);
    }

    public async Task SetFirstPasswordAsync(Actor actor, Guid personId, string password, Guid expectedVersion,
        CancellationToken cancellationToken = default)
    {
        actor.Require(Managing, Role.Administrator);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DapPanelUser>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (person, user) = await LoadAsync(db, personId, expectedVersion, cancellationToken);
        if (user.PasswordHash is not null)
            throw new DomainRuleException($"{person.FullName} already has a password: they change it themselves, or ask for their account to be unlocked.");
        var agency = await db.Agencies.Where(a => a.Id == person.AgencyId).Select(a => a.Name).SingleAsync(cancellationToken);
        if (!signInMethods.AllowsPassword(agency))
            throw new DomainRuleException($"{person.FullName} signs in only with {agency}'s own account, so they need no DapPanel password.");
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded) problems.AddRange(result.Errors.Select(e => e.Description));
        }
        InvalidInputException.ThrowIfAny(problems);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        await SaveAsync(db, actor, person, user, AuditAction.PermissionChanged, $"Gave {person.FullName} their first password",
            "no password", "first password given", cancellationToken);
    }

    async Task<(Person Person, DapPanelUser User)> LoadAsync(DapPanelDbContext db, Guid personId, Guid expectedVersion,
        CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken)
            ?? throw new NotFoundException("That person does not exist.");
        var user = await db.Users.SingleOrDefaultAsync(u => u.PersonId == personId, cancellationToken)
            ?? throw new DomainRuleException($"{person.FullName} has no sign-in to change.");
        if (person.Version != expectedVersion)
            throw new ConcurrencyConflictException(
                $"Someone else changed {person.FullName} since you opened the page. Their details have been reloaded; check them and try again.");
        return (person, user);
    }

    /// <summary>
    /// One save for the change, its audit entry and a new security stamp. The person's version moves
    /// on even when only the sign-in changed, so two administrators cannot both act on what they saw.
    /// </summary>
    async Task SaveAsync(DapPanelDbContext db, Actor actor, Person person, DapPanelUser user, AuditAction action, string summary,
        string before, string after, CancellationToken cancellationToken)
    {
        user.SecurityStamp = NewStamp();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        db.Entry(person).Property(p => p.Version).IsModified = true;
        audit.Add(db, actor, action, summary, before: before, after: after);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(
                $"Someone else changed {person.FullName} at the same moment. Their details have been reloaded; check them and try again.");
        }
        signIns.Revoke(user.Id); // the new stamp ends open pages and hub connections on this node now
    }

    /// <summary>There must always be an active administrator left to manage everyone else.</summary>
    static async Task RequireAnotherAdministratorAsync(DapPanelDbContext db, string leavingUserId, CancellationToken cancellationToken)
    {
        var administratorRole = await db.Roles.Where(r => r.Name == nameof(Role.Administrator)).Select(r => r.Id).SingleAsync(cancellationToken);
        var others = await db.UserRoles.Where(r => r.RoleId == administratorRole && r.UserId != leavingUserId)
            .Join(db.Users.Where(u => u.IsActive), r => r.UserId, u => u.Id, (r, u) => u.Id)
            .AnyAsync(cancellationToken);
        if (!others)
            throw new DomainRuleException("This is the last active administrator. Give someone else the administrator role first.");
    }

    static async Task AddRolesAsync(DapPanelDbContext db, string userId, IEnumerable<Role> roles, CancellationToken cancellationToken)
    {
        var names = roles.Select(r => r.ToString()).ToList();
        var roleIds = await db.Roles.Where(r => names.Contains(r.Name!)).Select(r => r.Id).ToListAsync(cancellationToken);
        db.UserRoles.AddRange(roleIds.Select(id => new IdentityUserRole<string> { UserId = userId, RoleId = id }));
    }

    static async Task<IReadOnlySet<Role>> RolesAsync(DapPanelDbContext db, string userId, CancellationToken cancellationToken) =>
        (await RolesByUserAsync(db, cancellationToken, userId)).GetValueOrDefault(userId) ?? new HashSet<Role>();

    static async Task<Dictionary<string, IReadOnlySet<Role>>> RolesByUserAsync(DapPanelDbContext db, CancellationToken cancellationToken,
        string? userId = null)
    {
        var rows = await db.UserRoles.Where(r => userId == null || r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key,
            g => (IReadOnlySet<Role>)g.Select(r => Enum.TryParse<Role>(r.Name, out var role) ? role : (Role?)null).OfType<Role>().ToHashSet());
    }

    static List<string> DescribeProblems(string fullName, string? jobTitle, IReadOnlySet<Role> roles)
    {
        var problems = new List<string>();
        if (fullName.Length == 0) problems.Add("Enter the person's full name.");
        else if (fullName.Length > 200) problems.Add("The full name is at most 200 characters.");
        if (jobTitle?.Length > 200) problems.Add("The job title is at most 200 characters.");
        if (roles.Count == 0) problems.Add("Choose at least one role.");
        if (roles.Any(r => !Enum.IsDefined(r))) problems.Add("Choose roles from the list.");
        return problems;
    }

    static string Describe(string agency, IEnumerable<Role> roles, bool active) =>
        $"{agency}; roles: {string.Join(", ", roles.Order().Select(r => r.Label()))}; {(active ? "active" : "disabled")}";

    static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
}
