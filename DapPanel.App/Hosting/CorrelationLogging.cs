using System.Collections;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DapPanel.App.Hosting;

/// <summary>
/// A correlation id in the logging scope of every request and of every event in a Blazor circuit,
/// so one person's trouble can be followed through the logs without writing who they are.
/// </summary>
public static class CorrelationLogging
{
    public const string Header = "X-Correlation-Id";
    public const string RequestScope = "CorrelationId";
    public const string CircuitScope = "CircuitCorrelationId";

    public static IServiceCollection AddCorrelationLogging(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, LoggingCircuitHandler>());
        return services;
    }

    /// <summary>Takes the proxy's id when it is a plain token, else makes one; echoes it in the response.</summary>
    public static IApplicationBuilder UseCorrelationLogging(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var given = context.Request.Headers[Header].ToString();
        var id = given.Length is > 0 and <= 64 && given.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? given
            : Guid.NewGuid().ToString("N");
        context.Response.Headers[Header] = id;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("DapPanel.Request");
        using (logger.BeginScope(new IdScope(RequestScope, id)))
            await next(context);
    });

    /// <summary>One id per circuit (not the circuit's own id, which would let a reader of the logs take it over).</summary>
    sealed class LoggingCircuitHandler(ILogger<LoggingCircuitHandler> logger) : CircuitHandler
    {
        readonly IdScope scope = new(CircuitScope, Guid.NewGuid().ToString("N"));

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            using (logger.BeginScope(scope)) logger.LogInformation("Circuit opened");
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            using (logger.BeginScope(scope)) logger.LogInformation("Circuit closed");
            return Task.CompletedTask;
        }

        public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
            Func<CircuitInboundActivityContext, Task> next) => async context =>
        {
            using (logger.BeginScope(scope)) await next(context);
        };
    }

    /// <summary>
    /// One id as a logging scope: structured providers read the pair, and the console, which prints each scope as
    /// text, shows "CorrelationId:…" (a dictionary would print as its type name there).
    /// </summary>
    sealed class IdScope(string name, string id) : IReadOnlyList<KeyValuePair<string, object>>
    {
        readonly KeyValuePair<string, object> pair = new(name, id);

        public int Count => 1;
        public KeyValuePair<string, object> this[int index] => index == 0 ? pair : throw new ArgumentOutOfRangeException(nameof(index));
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() { yield return pair; }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => $"{pair.Key}:{pair.Value}";
    }
}
