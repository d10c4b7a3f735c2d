using System.Runtime.CompilerServices;

namespace DapPanel.Tests.Support;

/// <summary>
/// A demo server and a browser of a test's own, for tests that change what other tests read (a demo sign-in's
/// password, the panel's agreement, the agenda); both are stopped however the test ends, and a failure says what
/// each page was showing.
/// </summary>
public static class OwnServer
{
    public static async Task WithBrowserAsync(Func<TestServer, BrowserFixture, Task> test, [CallerMemberName] string name = "")
    {
        var server = new TestServer();
        await server.InitializeAsync();
        try
        {
            await using var browser = await BrowserFixture.LaunchAsync();
            try
            {
                await test(server, browser);
            }
            catch (Exception failure)
            {
                throw new Xunit.Sdk.XunitException($"{failure.Message}\n{await browser.DescribeScreensAsync(name)}\n{failure}");
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
