using DapPanel.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DapPanel.Tests.Support;

/// <summary>A fresh PostgreSQL database with a random name on the test server; dropped afterwards.</summary>
public sealed class PostgresDatabase : ITestDatabase
{
    readonly string name = "dappanel_test_" + Guid.NewGuid().ToString("N");
    readonly DbContextOptions<PostgresDapPanelDbContext> options;

    public string ConnectionString { get; }

    PostgresDatabase()
    {
        ConnectionString = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Database = name }.ConnectionString;
        options = new DbContextOptionsBuilder<PostgresDapPanelDbContext>().UseNpgsql(ConnectionString).Options;
    }

    /// <summary>An empty database; with <paramref name="migrate"/>, at the latest PostgreSQL migration.</summary>
    public static async Task<PostgresDatabase> CreateAsync(bool migrate = true)
    {
        var database = new PostgresDatabase();
        await database.AdminAsync($"CREATE DATABASE \"{database.name}\"");
        if (migrate)
        {
            await using var db = database.CreateDbContext();
            await db.Database.MigrateAsync();
        }
        return database;
    }

    public DapPanelDbContext CreateDbContext() => new PostgresDapPanelDbContext(options);

    async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(TestServices.Postgres) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}
