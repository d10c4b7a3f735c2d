using DapPanel.Core.Backups;
using DapPanel.Core.Data;
using DapPanel.Core.Domain;
using DapPanel.Core.Setup;

namespace DapPanel.App.Hosting;

/// <summary>
/// The app's command-line tasks, run with the same settings as the app and then exiting:
/// <c>setup [--admin-email address]</c> prints a one-time address for the first administrator;
/// <c>backup file</c> writes a consistent copy of the SQLite database while the app runs.
/// </summary>
public static class DapPanelCommands
{
    public const string Usage = """
        Usage:
          dotnet DapPanel.App.dll                                 run the app
          dotnet DapPanel.App.dll setup [--admin-email ADDRESS]   print a one-time address for the first administrator
          dotnet DapPanel.App.dll backup FILE                     copy the SQLite database to FILE while the app runs
        Settings come from appsettings.json and the environment, as for the app (e.g. Storage__DataFolder).
        """;

    /// <summary>The exit code of the command <paramref name="args"/> name, or null when they name none (run the app).</summary>
    public static async Task<int?> RunAsync(string[] args, TextWriter output, TextWriter error,
        Action<WebApplicationBuilder>? configure = null)
    {
        switch (args.FirstOrDefault())
        {
            case "setup":
                return await SetupAsync(args[1..], output, error, configure);
            case "backup":
                return await BackupAsync(args[1..], output, error, configure);
            case "help" or "--help" or "-h":
                await output.WriteLineAsync(Usage);
                return 0;
            default:
                return null;
        }
    }

    static async Task<int> SetupAsync(string[] args, TextWriter output, TextWriter error, Action<WebApplicationBuilder>? configure)
    {
        string? email = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--admin-email" && i + 1 < args.Length) email = args[++i];
            else if (args[i] == "--admin-email")
                return await FailAsync(error, "--admin-email needs the first administrator's email address after it.");
            else rest.Add(args[i]);
        }
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            return await FailAsync(error, $"\"{email}\" is not an email address.");
        if (UnknownArguments(rest) is { } unknown) return await FailAsync(error, unknown);

        await using var app = DapPanelHost.CreateBuilder([.. rest], configure).Build();
        // A setup command may be the first thing run against a new database: bring it up to date, never seed the demo.
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(seedDemo: false);
        var token = await app.Services.GetRequiredService<FirstRunSetup>().IssueAsync(SetupTokenSource.Command, email);
        if (token is null)
            return await FailAsync(error,
                "DapPanel already has an active administrator, so no setup address is issued: sign in, and add people at People and sign-ins.");
        var address = $"{DapPanelHost.PublicAddress(app.Configuration, [])}{FirstRunSetup.PagePath}?token={token}";
        await output.WriteLineAsync("Open this address to create the first administrator" + (email is null ? "" : $" ({email})")
            + ". It works once, for 24 hours, and not once an administrator exists:");
        await output.WriteLineAsync(address);
        return 0;
    }

    static async Task<int> BackupAsync(string[] args, TextWriter output, TextWriter error, Action<WebApplicationBuilder>? configure)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
            return await FailAsync(error, "Name the file to write the backup to: dotnet DapPanel.App.dll backup /backups/dappanel-2026-12-04.db");
        if (UnknownArguments(args[1..]) is { } unknown) return await FailAsync(error, unknown);
        await using var app = DapPanelHost.CreateBuilder(args[1..], configure).Build();
        try
        {
            var taken = await app.Services.GetRequiredService<DatabaseBackup>().TakeAsync(args[0]);
            await output.WriteLineAsync(
                $"Backed up {app.Services.GetRequiredService<DatabaseBackup>().SqliteFile} to {taken.FileName} "
                + $"({taken.SizeBytes / 1024.0 / 1024.0:0.0} MB) at {taken.TakenAt:yyyy-MM-dd HH:mm:ss} UTC; integrity check: {taken.IntegrityCheck}.");
            return 0;
        }
        catch (UserFacingException refused)
        {
            return await FailAsync(error, refused.Message);
        }
    }

    /// <summary>Settings may follow a command as --Key=value; anything else is a mistake worth naming.</summary>
    static string? UnknownArguments(IEnumerable<string> args) =>
        args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) || !a.Contains('=')) is { } odd
            ? $"\"{odd}\" is not understood here.\n{Usage}"
            : null;

    static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync(message);
        return 1;
    }
}
