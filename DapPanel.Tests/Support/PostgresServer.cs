namespace DapPanel.Tests.Support;

/// <summary>The demo server on a fresh PostgreSQL database: the app migrates and seeds it as in production.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    PostgresDatabase? database;
    TestServer? server;

    public TestServer Server => server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync(migrate: false);
        server = new TestServer
        {
            Configure = builder =>
            {
                builder.Configuration["Database:Provider"] = "Postgres";
                builder.Configuration["ConnectionStrings:DapPanel"] = database.ConnectionString;
            },
        };
        await server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }
}

/// <summary>For tests that read the demo panel as seeded (no test meetings added).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresDemoServerCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Demo server on PostgreSQL";
}

/// <summary>A server of its own for tests that start meetings and record decisions.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresLiveServerCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Live meeting server on PostgreSQL";
}
