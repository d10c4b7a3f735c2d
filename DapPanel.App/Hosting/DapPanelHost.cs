using DapPanel.App.Components;
using DapPanel.App.Hubs;
using DapPanel.App.Security;
using DapPanel.Core;
using DapPanel.Core.Circulation;
using DapPanel.Core.Retention;
using DapPanel.Core.Data;
using DapPanel.Core.Demo;
using DapPanel.Core.Domain;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MudBlazor.Services;

namespace DapPanel.App.Hosting;

/// <summary>Builds and starts the app; tests and benchmarks use the same path with their own settings.</summary>
public static class DapPanelHost
{
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(DapPanelHost).Assembly.GetName().Name,
            // The operator's appsettings.json sits at the repository root and is copied beside the binaries.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        var storage = builder.Configuration.GetSection("Storage").Get<StorageSettings>() ?? new StorageSettings();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Email").Get<EmailSettings>() ?? new EmailSettings());
        builder.Services.AddSingleton(builder.Configuration.GetSection("Retention").Get<RetentionSettings>() ?? new RetentionSettings());
        builder.Services.AddDapPanelCore(storage, builder.Configuration.ReadDatabaseSettings());
        var security = SecuritySettings.Read(builder.Configuration, builder.Environment);
        builder.Services.AddDapPanelSecurity(security);
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
            .RegisterPersistentService<PageView>(Microsoft.AspNetCore.Components.Web.RenderMode.InteractiveServer);
        builder.Services.AddDapPanelHosting(builder.Configuration, storage);
        builder.Services.AddHostedService<Features.Insight.MonthlySummaryScheduler>();
        builder.Services.AddHostedService<Features.Research.ResearchReminderScheduler>();

        var app = builder.Build();
        var seeded = await app.Services.GetRequiredService<DatabaseInitializer>()
            .InitializeAsync(app.Configuration.GetValue("Demo:SeedOnFirstRun", true));

        app.UseTransportSecurity();
        app.UseCorrelationLogging();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseSecurityHeaders();
        // Pages for bodiless errors of page visits only: a POST re-executed as a page would meet the page's antiforgery
        // check, and hub clients need the real status.
        app.UseWhen(context => HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/hubs")
                && !context.Request.Path.StartsWithSegments("/_blazor"),
            branch => branch.UseStatusCodePagesWithReExecute("/not-found"));
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
        Features.Audit.AuditLogEndpoints.MapAuditLogEndpoints(app);
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();

        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, seeded));
        return app;
    }

    static void PrintWelcome(WebApplication app, bool seeded)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        Console.WriteLine();
        Console.WriteLine($"DapPanel is running at {string.Join(", ", addresses)}");
        if (!app.Configuration.GetValue("Demo:SeedOnFirstRun", true)) return;
        Console.WriteLine(seeded ? "The demo panel (Croydon DAPP) was created." : "Demo sign-ins (if this database holds the demo panel):");
        Console.WriteLine($"Every demo sign-in uses the password {DemoLogins.Password}");
        foreach (var login in DemoLogins.All)
            Console.WriteLine($"  {login.Role.Label(),-14} {login.Email,-32} {login.FullName}");
        Console.WriteLine();
    }
}
