namespace DapPanel.Tests.Support;

/// <summary>
/// Two app nodes on their own loopback ports, sharing one fresh PostgreSQL database and one Redis,
/// as behind a load balancer. Node A starts first and seeds the demo panel; node B finds it there.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    readonly PostgresDatabase database;
    bool aStopped;

    public TestServer A { get; }
    public TestServer B { get; }

    TwoNodes(PostgresDatabase database, TestServer a, TestServer b)
    {
        this.database = database;
        A = a;
        B = b;
    }

    public static async Task<TwoNodes> StartAsync(string? redisConfiguration = null)
    {
        var redis = redisConfiguration ?? TestServices.Redis;
        var database = await PostgresDatabase.CreateAsync(migrate: false);
        // A prefix per pair keeps pairs that share the test Redis out of each other's channels.
        var prefix = "DapPanelTest-" + Guid.NewGuid().ToString("N");
        TestServer Node() => new()
        {
            Configure = builder =>
            {
                builder.Configuration["Database:Provider"] = "Postgres";
                builder.Configuration["ConnectionStrings:DapPanel"] = database.ConnectionString;
                builder.Configuration["Redis:Configuration"] = redis;
                builder.Configuration["Redis:ChannelPrefix"] = prefix;
            },
        };
        var a = Node();
        await a.InitializeAsync();
        var b = Node();
        await b.InitializeAsync();
        return new TwoNodes(database, a, b);
    }

    public async Task StopAAsync()
    {
        aStopped = true;
        await A.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!aStopped) await A.DisposeAsync();
        await B.DisposeAsync();
        await database.DisposeAsync();
    }
}
