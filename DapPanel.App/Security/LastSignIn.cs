using DapPanel.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.App.Security;

/// <summary>Notes when and how a person last finished signing in, for administrators' people list.</summary>
public sealed class LastSignIn(IDbContextFactory<DapPanelDbContext> dbFactory, TimeProvider clock)
{
    /// <param name="method"><see cref="DapPanelUser.PasswordSignIn"/> or a provider's name.</param>
    public async Task RecordAsync(string userId, string method)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        // Not the concurrency stamp: an administrator's form opened before this sign-in still saves.
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.LastSignInAt, now)
            .SetProperty(u => u.LastSignInMethod, method));
    }
}
