using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DapPanel.Tests.Support;

/// <summary>Every log entry the app writes, with the values of the scopes it was written in.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    /// <param name="ScopeText">The scopes as the console prints them: each one's text after " => ".</param>
    public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, string> Scope, string ScopeText);

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose() { }

    sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, string>();
            var text = new System.Text.StringBuilder();
            owner.scopes.ForEachScope((value, into) =>
            {
                into.Text.Append(" => ").Append(value);
                if (value is IEnumerable<KeyValuePair<string, object>> pairs)
                    foreach (var (key, item) in pairs) into.Pairs[key] = item?.ToString() ?? "";
                else if (value is not null) into.Pairs[value.GetType().Name + into.Pairs.Count] = value.ToString() ?? "";
            }, (Pairs: scope, Text: text));
            owner.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception) + exception, scope, text.ToString()));
        }
    }
}
