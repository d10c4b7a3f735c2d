using DapPanel.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DapPanel.Bench.Live;

/// <summary>A fresh PostgreSQL database and a Redis channel prefix of this run's own, for two app nodes.</summary>
sealed class SharedStores : IAsyncDisposable
{
    readonly string server;
    readonly string name = "dappanel_bench_" + Guid.NewGuid().ToString("N");

    public string ConnectionString { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }

    SharedStores(string server, string redis)
    {
        this.server = server;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        Environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__DapPanel"] = ConnectionString,
            ["Redis__Configuration"] = redis,
            ["Redis__ChannelPrefix"] = "DapPanelBench-" + Guid.NewGuid().ToString("N"),
        };
    }

    public static async Task<SharedStores> CreateAsync()
    {
        var stores = new SharedStores(Required("DAPPANEL_TEST_POSTGRES"), Required("DAPPANEL_TEST_REDIS"));
        await stores.AdminAsync($"CREATE DATABASE \"{stores.name}\"");
        return stores;
    }

    public DapPanelDbContext CreateDbContext() =>
        new PostgresDapPanelDbContext(new DbContextOptionsBuilder<PostgresDapPanelDbContext>().UseNpgsql(ConnectionString).Options);

    async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    static string Required(string variable) => System.Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"--nodes 2 needs {variable}: run it under scripts/with-test-services.sh.");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}
