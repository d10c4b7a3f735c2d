using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using DapPanel.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DapPanel.App.Security;

/// <summary>
/// Makes a sign-in attempt for an address with no active account indistinguishable from one with a wrong password:
/// the same password check is paid for, the same answer given, and the same lockout after repeated failures. Also
/// limits attempts per account (the framework's rate limiter), whether the account exists or not.
/// </summary>
public sealed class SignInGuard
{
    public const string TooManyAttempts =
        "Too many sign-in attempts for this account in a short time. Wait a few minutes, then try again.";

    readonly IPasswordHasher<DapPanelUser> hasher;
    readonly LockoutOptions lockout;
    readonly TimeProvider clock;
    readonly DapPanelUser nobody = new();
    readonly string nobodysHash;
    readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> unknown = new();
    readonly PartitionedRateLimiter<string> perAccount;

    public SignInGuard(IPasswordHasher<DapPanelUser> hasher, IOptions<IdentityOptions> identity, SecuritySettings settings,
        TimeProvider clock)
    {
        this.hasher = hasher;
        this.clock = clock;
        lockout = identity.Value.Lockout;
        nobodysHash = hasher.HashPassword(nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        perAccount = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetSlidingWindowLimiter(account,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = settings.SignInAttemptsPerAccount, Window = AttemptWindow, SegmentsPerWindow = 5, QueueLimit = 0,
            }));
    }

    public static readonly TimeSpan AttemptWindow = TimeSpan.FromMinutes(10);

    /// <summary>False when this account (an email address, or a two-factor user) has had too many attempts lately.</summary>
    public bool TryAttempt(string account)
    {
        using var lease = perAccount.AttemptAcquire(account.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    /// <summary>For an address without an active account: costs what a real password check costs, and locks alike.</summary>
    public SignInResult CheckWithoutAccount(string email, string password)
    {
        hasher.VerifyHashedPassword(nobody, nobodysHash, password);
        var key = email.Trim().ToUpperInvariant();
        var now = clock.GetUtcNow();
        var state = unknown.GetValueOrDefault(key);
        if (state.LockedUntil > now) return SignInResult.LockedOut;
        var failures = state.LockedUntil is null ? state.Failures + 1 : 1;
        var locked = failures >= lockout.MaxFailedAccessAttempts;
        unknown[key] = locked ? (0, now + lockout.DefaultLockoutTimeSpan) : (failures, null);
        PruneUnknown(now);
        return locked ? SignInResult.LockedOut : SignInResult.Failed;
    }

    /// <summary>A locked account's sign-in answers without checking the password: pay for the check anyway.</summary>
    public void SpendPasswordCheck(string password) => hasher.VerifyHashedPassword(nobody, nobodysHash, password);

    void PruneUnknown(DateTimeOffset now)
    {
        if (unknown.Count < 10_000) return;
        foreach (var (key, state) in unknown)
            if (state.LockedUntil is null || state.LockedUntil <= now) unknown.TryRemove(key, out _);
    }
}
