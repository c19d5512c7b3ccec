using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;

namespace Docs.Testing;

/// <summary>Every line each resource wrote during a test, gathered from Aspire's resource logs, to show when something fails.</summary>
public sealed class TestingLogs
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new(StringComparer.Ordinal);

    /// <summary>Follows every resource's log until <paramref name="stopping"/>.</summary>
    internal void Follow(ResourceLoggerService logs, IEnumerable<string> resources, CancellationToken stopping)
    {
        foreach (var resource in resources)
        {
            var lines = _lines.GetOrAdd(resource, _ => new());
            _ = Task.Run(async () =>
            {
                try
                {
                    await foreach (var batch in logs.WatchAsync(resource).WithCancellation(stopping))
                    {
                        foreach (var line in batch)
                        {
                            lines.Enqueue(line.Content);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            }, CancellationToken.None);
        }
    }

    public IReadOnlyList<string> Of(string resource) => _lines.TryGetValue(resource, out var lines) ? [.. lines] : [];
}
