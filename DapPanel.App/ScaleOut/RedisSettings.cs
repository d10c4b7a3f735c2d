namespace DapPanel.App.ScaleOut;

/// <summary>The "Redis" section: set <see cref="Configuration"/> to run more than one node.</summary>
public sealed class RedisSettings
{
    /// <summary>A StackExchange.Redis configuration string, e.g. "redis.internal:6379,password=...".</summary>
    public string? Configuration { get; set; }

    /// <summary>Keeps two deployments that share one Redis apart.</summary>
    public string ChannelPrefix { get; set; } = "DapPanel";

    public bool IsSet => !string.IsNullOrWhiteSpace(Configuration);
}
