namespace DapPanel.Tests.Support;

/// <summary>A demo server of its own for tests that start meetings and record decisions.</summary>
[CollectionDefinition(Name)]
public sealed class LiveServerCollection : ICollectionFixture<TestServer>
{
    public const string Name = "Live meeting server";
}
