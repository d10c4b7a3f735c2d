namespace DapPanel.Tests.Support;

/// <summary>
/// What some tests need from the machine: Debian's chromium, and the PostgreSQL and Redis that scripts/test.sh starts on
/// loopback. A test class that needs one carries its category (<see cref="TestCategory"/>); outside CI it is skipped,
/// saying what is missing, when that is not here. Under <c>CI=true</c> nothing is skipped: the getters below fail the
/// test with the same sentence.
/// </summary>
public static class TestServices
{
    public const string ChromiumVariable = "CHROMIUM";
    public const string PostgresVariable = "DAPPANEL_TEST_POSTGRES";
    public const string RedisVariable = "DAPPANEL_TEST_REDIS";

    /// <summary>The chromium executable: <c>CHROMIUM</c>, else <c>chromium</c> on the PATH. Never a downloaded browser.</summary>
    public static string Chromium => FindChromium() ?? throw new InvalidOperationException(MissingChromium);

    /// <summary>A connection string to a server where the tests may create and drop databases.</summary>
    public static string Postgres => Variable(PostgresVariable) ?? throw new InvalidOperationException(MissingPostgres);

    /// <summary>host:port of a Redis server.</summary>
    public static string Redis => Variable(RedisVariable) ?? throw new InvalidOperationException(MissingRedis);

    /// <summary>The redis-server executable, for tests that start and stop a Redis of their own.</summary>
    public static string RedisServer => OnPath("redis-server") ?? throw new InvalidOperationException(MissingRedisServer);

    /// <summary>True under CI (<c>CI=true</c>): a missing prerequisite fails its tests instead of skipping them.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why tests of <paramref name="category"/> cannot run on this machine, or null when they can.</summary>
    public static string? Missing(string category) => category switch
    {
        TestCategory.Browser => FindChromium() is null ? MissingChromium : null,
        TestCategory.Postgres => Variable(PostgresVariable) is null ? MissingPostgres : null,
        TestCategory.Redis => Variable(RedisVariable) is null ? MissingRedis : OnPath("redis-server") is null ? MissingRedisServer : null,
        _ => null,
    };

    const string Services = "run ./scripts/test.sh, or scripts/with-test-services.sh dotnet test DapPanel.Tests, which start it on loopback";
    static readonly string MissingChromium =
        $"chromium was not found: set {ChromiumVariable} to its path or put Debian's chromium on the PATH (./scripts/test.sh installs it).";
    static readonly string MissingPostgres = $"{PostgresVariable} is not set: {Services} (or set it, e.g. \"Host=127.0.0.1;Port=5432;Username=postgres\").";
    static readonly string MissingRedis = $"{RedisVariable} is not set: {Services} (or set it, e.g. \"127.0.0.1:6379\").";
    const string MissingRedisServer = "redis-server is not on the PATH (./scripts/test.sh installs Debian's).";

    static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    static string? FindChromium() =>
        Variable(ChromiumVariable) is { } path ? (File.Exists(path) ? path : null) : OnPath("chromium") ?? OnPath("chromium-browser");

    static string? OnPath(string executable) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, executable))
            .FirstOrDefault(File.Exists);
}
