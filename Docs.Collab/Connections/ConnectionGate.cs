using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Docs.Collab.Connections;

/// <summary>New sockets per address per minute (a sliding minute), and the browser origins allowed.</summary>
public sealed class ConnectionGate(IOptions<CollabOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new();

    public bool IsOriginAllowed(string? origin) =>
        string.IsNullOrEmpty(origin) || options.Value.AllowedOrigins.Count == 0
        || options.Value.AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase);

    public bool TryOpen(string? address)
    {
        var now = time.GetUtcNow();
        var queue = _recent.GetOrAdd(address ?? "", _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            while (queue.Count > 0 && now - queue.Peek() > TimeSpan.FromMinutes(1))
            {
                queue.Dequeue();
            }
            if (queue.Count >= options.Value.NewConnectionsPerAddressPerMinute)
            {
                return false;
            }
            queue.Enqueue(now);
            return true;
        }
    }
}
