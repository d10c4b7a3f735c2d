using System.Diagnostics;

namespace DapPanel.Tests.Support;

/// <summary>The built app run as an operator runs it (<c>dotnet DapPanel.App.dll …</c>), for start-up refusals and commands.</summary>
public static class AppProcess
{
    /// <summary>Runs it to its exit and returns its exit code and everything it wrote (output, then errors).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DapPanel.App.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Generous: the machine running the suite may be busy, and a refusal happens before the app listens.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The app did not exit within 3 minutes: {await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }
}
