using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DapPanel.Tests.Support;

/// <summary>
/// A loopback relay in front of a test server whose connections a test can cut, as a network drop would: open
/// connections are closed and new ones refused until it is restored. (Chromium's offline mode leaves an open WebSocket
/// alone, so it cannot stand in for this.)
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int target;
    readonly ConcurrentDictionary<TcpClient, byte> open = new();
    readonly CancellationTokenSource stopping = new();
    volatile bool cut;

    public TcpRelay(string targetBaseUrl)
    {
        target = new Uri(targetBaseUrl).Port;
        listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>The server's address through the relay.</summary>
    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    /// <summary>Drops every open connection and refuses new ones.</summary>
    public void Cut()
    {
        cut = true;
        foreach (var client in open.Keys) Close(client);
    }

    public void Restore() => cut = false;

    async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient browser;
            try { browser = await listener.AcceptTcpClientAsync(stopping.Token); }
            catch (Exception) when (stopping.IsCancellationRequested) { return; }
            if (cut)
            {
                browser.Client.LingerState = new LingerOption(true, 0); // refused at once, as a dead network would
                browser.Dispose();
                continue;
            }
            _ = RelayAsync(browser);
        }
    }

    async Task RelayAsync(TcpClient browser)
    {
        var server = new TcpClient();
        open[browser] = 0;
        open[server] = 0;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, target, stopping.Token);
            var up = browser.GetStream().CopyToAsync(server.GetStream(), stopping.Token);
            var down = server.GetStream().CopyToAsync(browser.GetStream(), stopping.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception) { /* either side went away */ }
        finally
        {
            Close(browser);
            Close(server);
        }
    }

    void Close(TcpClient client)
    {
        if (!open.TryRemove(client, out _)) return;
        try { client.Client.LingerState = new LingerOption(true, 0); } catch (ObjectDisposedException) { }
        client.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        stopping.Cancel();
        listener.Stop();
        foreach (var client in open.Keys) Close(client);
        stopping.Dispose();
        return ValueTask.CompletedTask;
    }
}
