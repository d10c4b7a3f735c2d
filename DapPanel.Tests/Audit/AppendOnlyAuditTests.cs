using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DapPanel.Tests.Audit;

/// <summary>Neither the app nor anyone with a connection to the database can change or remove an audit entry.</summary>
public abstract class AppendOnlyAuditTests
{
    protected abstract Task<ITestDatabase> CreateDatabaseAsync();

    static AuditEvent Entry() => new()
    {
        At = DateTimeOffset.UtcNow, Action = AuditAction.ViewedCaseDetail, UserId = "user-1", ActorName = "Jo Linnet",
        Summary = "Viewed case DAPP-26-001",
    };

    [Fact]
    public async Task The_context_refuses_to_save_a_changed_or_removed_entry()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var db = database.CreateDbContext())
        {
            db.AuditEvents.Add(Entry());
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateDbContext())
        {
            var entry = await db.AuditEvents.SingleAsync();
            entry.Summary = "Nothing to see";
            var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Equal(AuditLogTriggers.Refusal, changed.Message);
        }

        await using (var db = database.CreateDbContext())
        {
            db.AuditEvents.Remove(await db.AuditEvents.SingleAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var db = database.CreateDbContext())
            Assert.Equal("Viewed case DAPP-26-001", (await db.AuditEvents.SingleAsync()).Summary);
    }

    [Fact]
    public async Task The_database_refuses_update_and_delete_statements_that_bypass_the_context()
    {
        await using var database = await CreateDatabaseAsync();
        await using var db = database.CreateDbContext();
        db.AuditEvents.AddRange(Entry(), Entry());
        await db.SaveChangesAsync();

        var update = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEvents\" SET \"Summary\" = 'Nothing to see'"));
        Assert.Contains("append-only", update.Message);
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEvents.Where(e => e.Id > 0).ExecuteDeleteAsync());
        Assert.Contains("append-only", delete.Message);
        await Assert.ThrowsAnyAsync<Exception>(() =>
            db.AuditEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, "Someone else")));

        db.ChangeTracker.Clear();
        var entries = await db.AuditEvents.AsNoTracking().ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal(("Viewed case DAPP-26-001", "Jo Linnet"), (e.Summary, e.ActorName)));

        // Adding is still allowed: the log only grows.
        db.AuditEvents.Add(Entry());
        await db.SaveChangesAsync();
        Assert.Equal(3, await db.AuditEvents.CountAsync());
    }
}

public sealed class SqliteAppendOnlyAuditTests : AppendOnlyAuditTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await SqliteDatabase.CreateAsync();
}

[Trait("Category", "Postgres")]
public sealed class PostgresAppendOnlyAuditTests : AppendOnlyAuditTests
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync() => await PostgresDatabase.CreateAsync();

    [Fact]
    public async Task Truncating_the_table_is_refused_too()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        db.AuditEvents.Add(new AuditEvent { At = DateTimeOffset.UtcNow, Action = AuditAction.SignIn, ActorName = "Jo Linnet", Summary = "Signed in" });
        await db.SaveChangesAsync();

        var truncate = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEvents\""));
        Assert.Contains("append-only", truncate.Message);
        Assert.Equal(1, await db.AuditEvents.CountAsync());
    }
}
