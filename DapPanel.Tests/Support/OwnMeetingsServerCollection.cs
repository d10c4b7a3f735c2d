namespace DapPanel.Tests.Support;

/// <summary>
/// A demo server for tests that add meetings of their own to the demo panel, so the shared demo server keeps exactly
/// one upcoming meeting.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OwnMeetingsServerCollection : ICollectionFixture<TestServer>
{
    public const string Name = "Own meetings server";
}
