using System.Security.Cryptography;
using DapPanel.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DapPanel.Core.Demo;

/// <summary>
/// The demo panel's sign-ins in a database, for the start-up check outside Development: a live deployment must not
/// have them, and a training site must not keep the password the README publishes.
/// </summary>
public sealed class DemoSignIns(IDbContextFactory<DapPanelDbContext> dbFactory, IServiceScopeFactory scopes)
{
    static readonly string[] Emails = DemoLogins.All.Select(l => l.Email.ToUpperInvariant()).ToArray();

    /// <summary>The demo sign-ins this database holds, active or not.</summary>
    public async Task<IReadOnlyList<string>> PresentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => Emails.Contains(u.NormalizedEmail!)).OrderBy(u => u.Email).Select(u => u.Email!)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Whether any demo sign-in still opens with the published password.</summary>
    public async Task<bool> UsePublishedPasswordAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DapPanelUser>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var user in await db.Users.AsNoTracking().Where(u => Emails.Contains(u.NormalizedEmail!)).ToListAsync(cancellationToken))
            if (user.PasswordHash is not null
                && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, DemoLogins.Password) != PasswordVerificationResult.Failed)
                return true;
        return false;
    }

    /// <summary>
    /// Gives every demo sign-in one new random password and returns it, for the training site's operator to print
    /// once. Sessions signed in with the old one end (a new security stamp).
    /// </summary>
    public async Task<string> RandomiseAsync(CancellationToken cancellationToken = default)
    {
        var password = NewPassword();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DapPanelUser>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var user in await db.Users.Where(u => Emails.Contains(u.NormalizedEmail!)).ToListAsync(cancellationToken))
        {
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20));
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
        db.SignInSessions.RemoveRange(await db.SignInSessions
            .Where(s => db.Users.Any(u => u.Id == s.UserId && Emails.Contains(u.NormalizedEmail!))).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return password;
    }

    /// <summary>Long enough and mixed enough for the password rules; no look-alike characters, so it reads aloud.</summary>
    static string NewPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        var word = string.Concat(Enumerable.Range(0, 16).Select(_ => letters[RandomNumberGenerator.GetInt32(letters.Length)]));
        return $"Training-{word}-{RandomNumberGenerator.GetInt32(10, 100)}";
    }
}
