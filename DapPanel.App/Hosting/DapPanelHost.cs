using DapPanel.App.Components;
using DapPanel.App.Hubs;
using DapPanel.App.Security;
using DapPanel.Core;
using DapPanel.Core.Circulation;
using DapPanel.Core.Retention;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using DapPanel.Core.Backups;
using DapPanel.Core.Setup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor.Services;

namespace DapPanel.App.Hosting;

/// <summary>Builds and starts the app; tests and benchmarks use the same path with their own settings.</summary>
public static class DapPanelHost
{
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args, configure);
        var security = SecuritySettings.Read(builder.Configuration, builder.Environment);
        var app = builder.Build();
        // The demo only on purpose outside Development: refused before anything is written, and again if the database has it.
        var demo = DemoOnPurpose.Read(app.Configuration, app.Environment);
        demo.RefuseUnsafeSettings();
        var seeded = await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(demo.SeedOnFirstRun);
        var trainingPassword = await demo.CheckDatabaseAsync(app.Services, DatabaseDescription(app.Services));
        // An empty deployment gets a one-time address for its first administrator; a new one at each start until used.
        var setupToken = await app.Services.GetRequiredService<FirstRunSetup>().IssueAsync(SetupTokenSource.AppStart);

        app.UseTransportSecurity();
        app.UseCorrelationLogging();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseSecurityHeaders();
        // Pages for bodiless errors of page visits only: a POST re-executed as a page would meet the page's antiforgery
        // check, and hub clients need the real status.
        // On the app itself, not in a branch: a branch has no routing of its own, so the page was never found again and
        // the status went out with an empty body.
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.Use((context, next) =>
        {
            if (!(HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/hubs")
                    && !context.Request.Path.StartsWithSegments("/_blazor"))
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } statusPages)
                statusPages.Enabled = false;
            return next(context);
        });
        app.UseWebSockets();
        app.UseSameOriginWebSockets();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseTwoFactorEnrolment(security);
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseUnreadableFormsSentBack();

        app.MapStaticAssets();
        app.MapDapPanelHealth();
        app.MapAccountEndpoints();
        app.MapProviderSignInEndpoints();
        app.MapHub<MeetingHub>(MeetingHub.Path);
        app.MapBenchmarkEndpoints();
        Features.Minutes.DocumentEndpoints.MapDocumentEndpoints(app);
        Features.Insight.InsightEndpoints.MapInsightEndpoints(app);
        Features.Evaluation.EvaluationEndpoints.MapEvaluationEndpoints(app);
        Features.Audit.AuditLogEndpoints.MapAuditLogEndpoints(app);
        Features.Panels.PanelEndpoints.MapPanelEndpoints(app);
        Features.Import.ImportEndpoints.MapImportEndpoints(app);
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();

        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, seeded, demo, trainingPassword, setupToken));
        return app;
    }

    /// <summary>
    /// The app's configuration and services, for the web host and for the command-line tasks (setup, backup), which
    /// build it without serving.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(DapPanelHost).Assembly.GetName().Name,
            // The operator's appsettings.json sits at the repository root and is copied beside the binaries.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);
        // Run from its build rather than published (`dotnet run` in Production), the scripts and styles are found through
        // the build's static web assets manifest, which the framework reads only in Development; a published app has no
        // such manifest and this does nothing there.
        if (!builder.Environment.IsDevelopment()) builder.WebHost.UseStaticWebAssets();

        var storage = builder.Configuration.GetSection("Storage").Get<StorageSettings>() ?? new StorageSettings();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Email").Get<EmailSettings>() ?? new EmailSettings());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Retention").Get<RetentionSettings>() ?? new RetentionSettings());
        builder.Services.AddDapPanelCore(storage, builder.Configuration.ReadDatabaseSettings());
        builder.Services.AddDapPanelSecurity(SecuritySettings.Read(builder.Configuration, builder.Environment));
        builder.Services.AddProviderSignIn(ProviderSettings.Read(builder.Configuration, builder.Environment), builder.Environment);
        TransportSecurity.Validate(builder.Configuration);
        builder.Services.AddTransportSecurity(builder.Configuration, builder.Environment);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Messages rise from the bottom: at the top right they covered the chair's Next item and Close buttons.
        builder.Services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(circuits =>
        {
            circuits.DisconnectedCircuitMaxRetained = 200;
            circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
            circuits.MaxBufferedUnacknowledgedRenderBatches = 10;
        }).AddHubOptions(circuitHub => circuitHub.MaximumReceiveMessageSize = 64 * 1024)
            .RegisterPersistentService<PageView>(Microsoft.AspNetCore.Components.Web.RenderMode.InteractiveServer)
            .RegisterPersistentService<Features.Panels.CurrentPanel>(Microsoft.AspNetCore.Components.Web.RenderMode.InteractiveServer);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<Features.Panels.CurrentPanel>();
        builder.Services.AddDapPanelHosting(builder.Configuration, storage);
        builder.Services.AddHostedService<Features.Insight.MonthlySummaryScheduler>();
        builder.Services.AddHostedService<Features.Research.ResearchReminderScheduler>();
        return builder;
    }

    static void PrintWelcome(WebApplication app, bool seeded, DemoOnPurpose demo, string? trainingPassword, string? setupToken)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DapPanel.Setup");
        Console.WriteLine();
        Console.WriteLine($"DapPanel is running at {string.Join(", ", addresses)}");
        if (setupToken is not null)
        {
            var address = $"{PublicAddress(app.Configuration, addresses)}{FirstRunSetup.PagePath}?token={setupToken}";
            Console.WriteLine("DapPanel has no administrator yet. Create the first one at this one-time address (it works once, for 24 hours;");
            Console.WriteLine("a new one is printed at each start until it is used):");
            Console.WriteLine($"  {address}");
            logger.LogWarning("First-run setup: create the first administrator at {SetupAddress} (works once, for 24 hours)", address);
        }
        if (trainingPassword is not null)
        {
            Console.WriteLine($"Training site: every demo sign-in now uses the password {trainingPassword}");
            Console.WriteLine("It is printed only this once: note it now.");
            logger.LogWarning("Training site: every demo sign-in now uses the password {TrainingPassword} (printed only this once)",
                trainingPassword);
        }
        if (demo.IsDevelopment && demo.SeedOnFirstRun)
        {
            Console.WriteLine(seeded ? "The demo panel (Croydon DAPP) was created." : "Demo sign-ins (if this database holds the demo panel):");
            Console.WriteLine($"Every demo sign-in uses the password {DemoLogins.Password}");
        }
        if ((demo.IsDevelopment && demo.SeedOnFirstRun) || trainingPassword is not null)
            foreach (var login in DemoLogins.All)
                Console.WriteLine($"  {login.Role.Label(),-14} {login.Email,-32} {login.FullName}");
        Console.WriteLine();
    }

    /// <summary>Where people reach the app: Email:AppBaseUrl when the operator set it, else where it listens.</summary>
    public static string PublicAddress(IConfiguration configuration, IEnumerable<string> listening)
    {
        if (configuration["Email:AppBaseUrl"] is { Length: > 0 } configured) return configured.TrimEnd('/');
        var first = listening.FirstOrDefault() ?? "http://localhost:5080";
        return first.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost")
            .Replace("://*", "://localhost").TrimEnd('/');
    }

    /// <summary>Where the data is, in words an operator can act on.</summary>
    static string DatabaseDescription(IServiceProvider services)
    {
        var database = services.GetRequiredService<DatabaseSettings>();
        return database.Provider == DatabaseProvider.Postgres
            ? "the PostgreSQL database named in ConnectionStrings:DapPanel (point it at a new, empty database instead)"
            : $"the SQLite file {services.GetRequiredService<DatabaseBackup>().SqliteFile} (with its -wal and -shm files beside it)";
    }
}
