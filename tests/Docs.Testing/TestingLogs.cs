using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Docs.Testing;

/// <summary>
/// Every line each resource wrote during a test, to show when something fails: Aspire writes resource
/// logs to the AppHost's loggers (<c>EnableResourceLogging</c>) under the category <c>{AppHost}.Resources.{name}</c>.
/// </summary>
public sealed class TestingLogs : ILoggerProvider
{
    private const string Marker = ".Resources.";
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Of(string resource) => _lines.TryGetValue(resource, out var lines) ? [.. lines] : [];

    ILogger ILoggerProvider.CreateLogger(string categoryName)
    {
        var at = categoryName.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? NoLines.Instance : new ResourceLines(_lines.GetOrAdd(categoryName[(at + Marker.Length)..], _ => new()));
    }

    void IDisposable.Dispose()
    {
    }

    private sealed class ResourceLines(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }

    private sealed class NoLines : ILogger
    {
        public static readonly NoLines Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
