using DapPanel.Core.LiveMeeting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace DapPanel.App.ScaleOut;

/// <summary>What a second node needs; called only when Redis:Configuration is set, so nothing of Redis loads otherwise.</summary>
static class RedisScaleOut
{
    public static void AddRedisScaleOut(this IServiceCollection services, ISignalRServerBuilder signalR,
        IHealthChecksBuilder health, RedisSettings settings)
    {
        var options = Options(settings);
        services.AddSingleton(settings);
        // Lazily, and without failing when Redis is down at start: the node serves and reconnects later.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options.Clone()));
        services.AddSingleton<RedisMeetingNotifier>();
        services.Replace(ServiceDescriptor.Singleton<IMeetingNotifier>(sp => sp.GetRequiredService<RedisMeetingNotifier>()));
        services.AddHostedService(sp => sp.GetRequiredService<RedisMeetingNotifier>());
        signalR.AddStackExchangeRedis(hub =>
        {
            hub.Configuration = options.Clone();
            hub.Configuration.ChannelPrefix = RedisChannel.Literal(settings.ChannelPrefix + ":hub");
        });
        health.AddCheck<RedisHealthCheck>("redis", tags: ["ready"], timeout: TimeSpan.FromSeconds(3));
    }

    static ConfigurationOptions Options(RedisSettings settings)
    {
        var options = ConfigurationOptions.Parse(settings.Configuration!);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 3000;
        // Both connections (notifier, backplane) try again every second, so live updates resume soon after Redis does.
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        options.ClientName = "DapPanel";
        return options;
    }
}
