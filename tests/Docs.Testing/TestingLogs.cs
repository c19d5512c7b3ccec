using System.Collections.Concurrent;

namespace Docs.Testing;

/// <summary>Every line each resource wrote during a test, to show when something fails.</summary>
public sealed class TestingLogs
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _lines = new(StringComparer.Ordinal);

    internal void Write(string resource, string line) => _lines.GetOrAdd(resource, _ => new()).Enqueue(line);

    public IReadOnlyList<string> Of(string resource) => _lines.TryGetValue(resource, out var lines) ? [.. lines] : [];

    public IReadOnlyCollection<string> Resources => [.. _lines.Keys];
}
