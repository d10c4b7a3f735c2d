namespace DapPanel.Tests.Support;

/// <summary>
/// The PostgreSQL and Redis that scripts/test.sh starts on loopback. A test that needs them fails
/// (never skips) when they are missing, saying how to provide them.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "DAPPANEL_TEST_POSTGRES";
    public const string RedisVariable = "DAPPANEL_TEST_REDIS";

    /// <summary>A connection string to a server where the tests may create and drop databases.</summary>
    public static string Postgres => Required(PostgresVariable, "Host=127.0.0.1;Port=5432;Username=postgres");

    /// <summary>host:port of a Redis server.</summary>
    public static string Redis => Required(RedisVariable, "127.0.0.1:6379");

    static string Required(string variable, string example) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run ./scripts/test.sh, which starts the server, or set it (e.g. \"{example}\").");
}
