using Microsoft.AspNetCore.SignalR;
using DapPanel.App.Hubs;
using DapPanel.App.ScaleOut;
using DapPanel.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace DapPanel.App.Hosting;

/// <summary>Database choice, live-update transport, keys and health: one node by default, many with Redis.</summary>
static class HostingServices
{
    public static DatabaseSettings ReadDatabaseSettings(this IConfiguration configuration)
    {
        var database = configuration.GetSection("Database").Get<DatabaseSettings>() ?? new DatabaseSettings();
        database.ConnectionString ??= configuration.GetConnectionString("DapPanel");
        return database;
    }

    public static void AddDapPanelHosting(this IServiceCollection services, IConfiguration configuration, StorageSettings storage)
    {
        var redis = configuration.GetSection("Redis").Get<RedisSettings>() ?? new RedisSettings();
        var dataProtection = services.AddDataProtection().SetApplicationName("DapPanel");
        // Several nodes must read each other's cookies, so their keys live in the shared database.
        if (redis.IsSet) dataProtection.PersistKeysToDbContext<DapPanelDbContext>();
        else dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(storage.FullDataFolder, "keys")));

        // The hub's limits and what its callers are told: docs/decisions/0017-meeting-hub-limits-and-refusals.md.
        var signalR = services.AddSignalR(hub =>
        {
            hub.MaximumReceiveMessageSize = MeetingHubLimits.MaximumReceiveMessageSize;
            hub.EnableDetailedErrors = false;
        }).AddHubOptions<MeetingHub>(meetingHub =>
        {
            // A refused argument or an oversized message is told why; MeetingHubFilter keeps faults to a plain sentence.
            meetingHub.EnableDetailedErrors = true;
            meetingHub.AddFilter<MeetingHubFilter>();
        });
        // The dispatcher logs every refusal as an error with its stack trace; MeetingHubFilter logs each call's outcome
        // at its true level (refusals Information, faults Error) instead.
        services.AddLogging(logging => logging.AddFilter(MeetingHubLimits.DispatcherLogCategory, LogLevel.Critical));
        services.AddHostedService<MeetingHubBridge>();
        var health = services.AddHealthChecks().AddDbContextCheck<DapPanelDbContext>("database", tags: ["ready"]);
        if (redis.IsSet) services.AddRedisScaleOut(signalR, health, redis);
        services.AddCorrelationLogging();
    }

    /// <summary>/health as before (the database); /health/live: the process answers; /health/ready: it can serve.</summary>
    public static void MapDapPanelHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Name == "database" }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }
}
