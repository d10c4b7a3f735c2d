using System.Diagnostics;
using System.Net.Http.Json;

namespace DapPanel.Bench.Live;

/// <summary>
/// The published app in a process of its own on a loopback port, with a fresh demo database: in Production the demo runs
/// only as a training site, whose demo sign-ins get a random password printed once (<see cref="DemoPassword"/>).
/// </summary>
sealed class AppProcess : IAsyncDisposable
{
    static readonly List<IDisposable> StopOnSignal = [];
    readonly Process process;
    readonly HttpClient http;

    public string BaseUrl { get; }
    public string DataFolder { get; }
    public int ProcessId => process.Id;

    /// <summary>
    /// The demo sign-ins' password as this node printed it when it made it random; null on a node that found it random
    /// already (a second node on the same database: use the first node's).
    /// </summary>
    public string? DemoPassword { get; private set; }

    AppProcess(Process process, string baseUrl, string dataFolder)
    {
        this.process = process;
        BaseUrl = baseUrl;
        DataFolder = dataFolder;
        http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    /// <summary>
    /// Publishes (unless a node before it did) and starts the app; <paramref name="environment"/> adds
    /// settings such as the shared database and Redis of a second node.
    /// </summary>
    public static async Task<AppProcess> StartAsync(string repositoryRoot, int port,
        IReadOnlyDictionary<string, string>? environment = null, bool publish = true)
    {
        // One publish folder per checkout, so benchmarks of two worktrees never overwrite each other.
        var checkout = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(repositoryRoot)))[..12];
        var publishFolder = Path.Combine(Path.GetTempPath(), "dappanel-bench", "app-" + checkout);
        if (publish)
            Run("dotnet", $"publish \"{Path.Combine(repositoryRoot, "DapPanel.App")}\" -c Release -o \"{publishFolder}\" -nologo -v quiet");
        var dataFolder = Path.Combine(Path.GetTempPath(), "dappanel-bench", "data-" + Guid.NewGuid().ToString("N"));
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(publishFolder, "DapPanel.App.dll")}\"")
        {
            WorkingDirectory = publishFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = baseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataFolder"] = dataFolder;
        start.Environment["Benchmark__MemoryEndpoint"] = "true";
        // The demo people have no authenticator; two-factor sign-in is not what this measures.
        start.Environment["Security__RequireTwoFactor"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Demo__SeedOnFirstRun"] = "true";
        start.Environment["Demo__AllowInProduction"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        // Logs are at Warning and above: a benchmark should show them, not hide them.
        AppProcess? started = null;
        process.OutputDataReceived += (_, e) =>
        {
            const string printed = "Training site: every demo sign-in now uses the password ";
            if (e.Data?.StartsWith(printed) == true && started is not null) started.DemoPassword = e.Data[printed.Length..].Trim();
            if (e.Data is ['w' or 'f' or 'c', 'a' or 'r' or 'a', ..] line && (line.StartsWith("warn:") || line.StartsWith("fail:") || line.StartsWith("crit:")))
                Console.Error.WriteLine($"app {port}: {line}");
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("app: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = started = new AppProcess(process, baseUrl, dataFolder);
        // A benchmark that fails or is stopped must not leave the app running under the next one's measurements.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => app.Stop();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => app.Stop();
        foreach (var signal in new[] { System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGTERM })
            StopOnSignal.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, _ => app.Stop()));
        await app.WaitUntilHealthyAsync();
        // The password is printed as the app starts listening: give the output reader a moment to pass it on.
        for (var wait = 0; app.DemoPassword is null && wait < 40; wait++) await Task.Delay(250);
        return app;
    }

    void Stop()
    {
        try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // exited meanwhile
    }

    async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("The app did not report healthy within 90 s.");
    }

    public sealed record MemoryReading(long ManagedBytes, long WorkingSetBytes);

    public async Task<MemoryReading> MemoryAsync() =>
        (await http.GetFromJsonAsync<MemoryReading>("/benchmark/memory"))!;

    static void Run(string file, string arguments)
    {
        using var run = Process.Start(new ProcessStartInfo(file, arguments)) ?? throw new InvalidOperationException(file);
        run.WaitForExit();
        if (run.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({run.ExitCode}).");
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        Stop();
        await process.WaitForExitAsync();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}
