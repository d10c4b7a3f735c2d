namespace DapPanel.Tests.Support;

/// <summary>
/// The categories a test class declares with <c>[Trait("Category", …)]</c>. The fast loop
/// (<c>./scripts/test.sh --fast</c>) leaves all four out; <c>TestCategoryTests</c> fails when a class opens a browser or
/// reaches PostgreSQL or Redis without saying so.
/// </summary>
public static class TestCategory
{
    public const string Trait = "Category";

    /// <summary>Drives chromium (<see cref="TestServices.Chromium"/>).</summary>
    public const string Browser = "Browser";

    /// <summary>Creates databases on the test PostgreSQL (<see cref="TestServices.Postgres"/>).</summary>
    public const string Postgres = "Postgres";

    /// <summary>Uses the test Redis or starts a redis-server of its own (<see cref="TestServices.Redis"/>).</summary>
    public const string Redis = "Redis";

    /// <summary>Needs nothing from the machine but takes long; chosen by hand.</summary>
    public const string Slow = "Slow";

    public static readonly IReadOnlyList<string> All = [Browser, Postgres, Redis, Slow];
}
