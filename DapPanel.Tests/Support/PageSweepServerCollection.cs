namespace DapPanel.Tests.Support;

/// <summary>
/// A demo server of its own for the page sweep, the longest browser walk: it reads every page as every persona, and
/// runs beside the other collections instead of after the shared demo server's tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PageSweepServerCollection : ICollectionFixture<TestServer>
{
    public const string Name = "Page sweep server";
}
