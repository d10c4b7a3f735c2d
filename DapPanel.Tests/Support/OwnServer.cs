namespace DapPanel.Tests.Support;

/// <summary>
/// A demo server and a browser of a test's own, for tests that change what other tests read (a demo sign-in's
/// password, the panel's agreement, the agenda); both are stopped however the test ends.
/// </summary>
public static class OwnServer
{
    public static async Task WithBrowserAsync(Func<TestServer, BrowserFixture, Task> test)
    {
        var server = new TestServer();
        await server.InitializeAsync();
        try
        {
            await using var browser = await BrowserFixture.LaunchAsync();
            await test(server, browser);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
