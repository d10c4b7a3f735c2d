using DapPanel.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DapPanel.Core.Data;

/// <summary>Brings the database to the latest migration and, on an empty one, seeds the demo panel.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<DapPanelDbContext> dbFactory, IServiceProvider services, ILogger<DatabaseInitializer> logger)
{
    public async Task<bool> InitializeAsync(bool seedDemo, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsSqlite())
            {
                var folder = Path.GetDirectoryName(db.Database.GetDbConnection().DataSource);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            }
            // An up-to-date database is left alone: migrating it anyway builds the migrations' model and compares it with
            // the current one, about half a second of every start.
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            if (!seedDemo || await db.Panels.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken))
                return false;
        }

        logger.LogInformation("Empty database: seeding the demo panel");
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoPanel>().SeedAsync(cancellationToken);
        return true;
    }
}
