using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DapPanel.Bench.Live;

// How long the app takes to start, as a process of its own on a loopback port, until it serves the sign-in page:
// a first start on an empty data folder (migrations, and in Development the demo panel) and a warm start over that folder.
//   dotnet run -c Release --project bench/DapPanel.Bench.Start [-- --runs 20]
// Two ways of running it, each from its own build: the published Release build in Production, compiled ahead of time as
// docs/operations.md publishes it (as a node runs), and the Debug build in Development (what
// `dotnet run --project DapPanel.App` starts once its build check is done).
var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).FirstOrDefault(20);
var root = FindRepositoryRoot();
var work = Path.Combine(Path.GetTempPath(), "dappanel-bench-start", Guid.NewGuid().ToString("N"));
var published = Path.Combine(work, "published");
Run("dotnet", $"publish \"{Path.Combine(root, "DapPanel.App")}\" -c Release -r linux-x64 --self-contained false -o \"{published}\" -nologo -v quiet");
Run("dotnet", $"build \"{Path.Combine(root, "DapPanel.App")}\" -c Debug -nologo -v quiet");
var ways = new (string Name, string Folder, string Environment)[]
{
    ("Published Release build (ready to run), Production", published, "Production"),
    ("Debug build, Development (dotnet run without its build check)", Path.Combine(root, "DapPanel.App", "bin", "Debug", "net10.0"), "Development"),
};

var rows = new List<string>();
foreach (var way in ways)
{
    var first = new List<Start>();
    var warm = new List<Start>();
    // One untimed start first, so that the files are in the page cache as they are for any later start.
    await StartAsync(way.Folder, way.Environment, NewDataFolder());
    for (var run = 0; run < runs; run++)
    {
        var data = NewDataFolder();
        first.Add(await StartAsync(way.Folder, way.Environment, data));
        warm.Add(await StartAsync(way.Folder, way.Environment, data));
    }
    // Development creates the demo panel on an empty database; Production creates nothing and prints a setup address.
    rows.Add(Row($"{way.Name}: first start (migrations{(way.Environment == "Development" ? " and the demo panel" : " and a setup address")})", first));
    rows.Add(Row($"{way.Name}: warm start (second start on the same data)", warm));
    Console.WriteLine(rows[^2]);
    Console.WriteLine(rows[^1]);
}
try { Directory.Delete(work, recursive: true); } catch (IOException) { }

Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Machine.Model()}, .NET {Environment.Version}; load average at the end {Machine.LoadAverage()}");
Console.WriteLine("| Start | Runs | Listening p50 | p95 | Sign-in page served p50 | p95 | max | CPU until served p50 |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var row in rows) Console.WriteLine(row);

string NewDataFolder() => Path.Combine(work, "data-" + Guid.NewGuid().ToString("N"));

static string Row(string what, List<Start> starts)
{
    var listening = starts.Select(s => s.ListeningMs).Order().ToList();
    var served = starts.Select(s => s.ServedMs).Order().ToList();
    var cpu = starts.Select(s => s.CpuMs).Order().ToList();
    return $"| {what} | {starts.Count} | {Stats.Percentile(listening, 50):0} ms | {Stats.Percentile(listening, 95):0} ms | " +
           $"{Stats.Percentile(served, 50):0} ms | {Stats.Percentile(served, 95):0} ms | {served[^1]:0} ms | {Stats.Percentile(cpu, 50):0} ms |";
}

/// <summary>
/// Starts the app and times, from the process's start, when it answers on its port (migrations and seeding are done
/// before it listens) and when it has served the sign-in page (the first page render); then stops it.
/// </summary>
static async Task<Start> StartAsync(string folder, string environment, string dataFolder)
{
    var port = FreeLoopbackPort();
    var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(folder, "DapPanel.App.dll")}\"")
    {
        WorkingDirectory = folder,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
    info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
    info.Environment["Storage__DataFolder"] = dataFolder;
    info.Environment["Security__RequireTwoFactor"] = "false";
    // Production serves HTTPS only; here, as on a node, a proxy on the same machine ends TLS and says so.
    info.Environment["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
    using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero });
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("app: " + e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    try
    {
        double? listening = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}.");
            listening ??= Listens(port) ? clock.Elapsed.TotalMilliseconds : null;
            if (listening is not null)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/account/login");
                request.Headers.Add("X-Forwarded-Proto", "https");
                using var page = await http.SendAsync(request);
                if (page.StatusCode == HttpStatusCode.OK)
                    return new Start(listening.Value, clock.Elapsed.TotalMilliseconds, CpuMilliseconds(process.Id));
            }
            else await Task.Delay(5);
        }
        throw new TimeoutException("The app did not serve the sign-in page within 120 s.");
    }
    finally
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}

static bool Listens(int port)
{
    try
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        return true;
    }
    catch (SocketException) { return false; }
}

static void Run(string file, string arguments)
{
    using var run = Process.Start(new ProcessStartInfo(file, arguments)) ?? throw new InvalidOperationException(file);
    run.WaitForExit();
    if (run.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed ({run.ExitCode}).");
}

static int FreeLoopbackPort()
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

static string FindRepositoryRoot()
{
    var folder = new DirectoryInfo(AppContext.BaseDirectory);
    while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DapPanel.sln"))) folder = folder.Parent;
    return folder?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the repository.");
}



/// <summary>CPU time the process has used so far (user and system), from /proc: steadier than wall time on a busy machine.</summary>
static double CpuMilliseconds(int pid)
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11]) + long.Parse(fields[12])) * 1000.0 / 100; // utime and stime, in clock ticks of 1/100 s
}

readonly record struct Start(double ListeningMs, double ServedMs, double CpuMs);
