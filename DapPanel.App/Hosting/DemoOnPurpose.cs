using DapPanel.Core.Demo;

namespace DapPanel.App.Hosting;

/// <summary>The app would be unsafe to run as it is set up: it says why and how to fix it, and stops.</summary>
public sealed class StartRefusedException(string message) : Exception(message);

/// <summary>
/// The "Demo" settings. The demo panel's sign-ins share a password the README publishes, so outside Development
/// the demo runs only on purpose: a training site says so with Demo:AllowInProduction, and its demo password is then
/// made random and printed once. Any other non-Development instance that finds the demo sign-ins refuses to start.
/// </summary>
public sealed class DemoOnPurpose(bool seedOnFirstRun, bool allowInProduction, bool isDevelopment)
{
    /// <summary>Create the demo panel in an empty database: by default in Development only.</summary>
    public bool SeedOnFirstRun { get; } = seedOnFirstRun;

    public bool AllowInProduction { get; } = allowInProduction;

    public bool IsDevelopment { get; } = isDevelopment;

    public static DemoOnPurpose Read(IConfiguration configuration, IHostEnvironment environment) => new(
        configuration.GetValue<bool?>("Demo:SeedOnFirstRun") ?? environment.IsDevelopment(),
        configuration.GetValue("Demo:AllowInProduction", false),
        environment.IsDevelopment());

    /// <summary>Before the database is touched: asking for the demo outside Development without saying it is a training site.</summary>
    public void RefuseUnsafeSettings()
    {
        if (IsDevelopment || !SeedOnFirstRun || AllowInProduction) return;
        throw new StartRefusedException(
            "DapPanel will not start: Demo:SeedOnFirstRun is true outside Development, which would create the demo panel and its "
            + "sign-ins, whose password is published. Remove the setting (it is off outside Development), or, for a training "
            + "site, also set Demo:AllowInProduction=true (environment variable Demo__AllowInProduction=true).");
    }

    /// <summary>
    /// After migration: refuses a live instance whose database holds the demo sign-ins; on a training site, makes
    /// their password random if it is still the published one and returns it, to be printed once.
    /// </summary>
    public async Task<string?> CheckDatabaseAsync(IServiceProvider services, string databaseDescription,
        CancellationToken cancellationToken = default)
    {
        if (IsDevelopment) return null;
        var signIns = services.GetRequiredService<DemoSignIns>();
        var present = await signIns.PresentAsync(cancellationToken);
        if (present.Count == 0) return null;
        if (!AllowInProduction)
            throw new StartRefusedException(
                $"DapPanel will not start: this database holds the demo panel's sign-ins ({present[0]} and {present.Count - 1} more), "
                + "whose password is published in the README. Outside Development the demo runs only on purpose.\n"
                + $"To go live, start from an empty database: stop DapPanel, move {databaseDescription} out of the way, and start "
                + "again; DapPanel then prints a one-time setup address for the first administrator.\n"
                + "For a training site, set Demo:AllowInProduction=true (environment variable Demo__AllowInProduction=true): the demo "
                + "sign-ins then get a new random password, printed once.");
        return await signIns.UsePublishedPasswordAsync(cancellationToken) ? await signIns.RandomiseAsync(cancellationToken) : null;
    }
}
