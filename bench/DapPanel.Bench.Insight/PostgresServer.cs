using Npgsql;

namespace DapPanel.Bench.Insight;

/// <summary>A fresh database on the PostgreSQL server named by DAPPANEL_TEST_POSTGRES, dropped afterwards.</summary>
sealed class PostgresServer : IAsyncDisposable
{
    readonly string server;
    readonly string name;

    public string ConnectionString { get; }

    PostgresServer(string server, string name)
    {
        this.server = server;
        this.name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static async Task<PostgresServer> CreateDatabaseAsync(string name)
    {
        var server = Environment.GetEnvironmentVariable("DAPPANEL_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "--postgres needs DAPPANEL_TEST_POSTGRES; run the benchmark through scripts/with-test-services.sh.");
        var database = new PostgresServer(server, name);
        await database.AdminAsync($"CREATE DATABASE \"{name}\"");
        return database;
    }

    async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
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
