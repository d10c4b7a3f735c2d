using DapPanel.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.Support;

/// <summary>A migrated SQLite file of its own for one test; deleted afterwards.</summary>
public sealed class SqliteDatabase : ITestDatabase
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "dappanel-db", Guid.NewGuid().ToString("N"));
    readonly DbContextOptions<DapPanelDbContext> options;

    SqliteDatabase()
    {
        Directory.CreateDirectory(folder);
        options = new DbContextOptionsBuilder<DapPanelDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "test.db")};Pooling=False").Options;
    }

    public static async Task<SqliteDatabase> CreateAsync()
    {
        var database = new SqliteDatabase();
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public DapPanelDbContext CreateDbContext() => new(options);

    public ValueTask DisposeAsync()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
