using Docs.Collab.Telemetry;

namespace Docs.Collab.Memory;

/// <summary>
/// Gives memory back to the system once a flood is over. A quiet server allocates little, so the garbage a flood left
/// (its large messages, the state of a document unloaded since) waited for a full collection that did not come, and the
/// process kept its peak size. Once at least <see cref="FloodBytes"/> arrived since the last release and a period was
/// quiet again, one full compacting collection runs in the mode that also returns the freed memory to the system.
/// It blocks the process briefly, once per flood, when little is happening.
/// </summary>
public sealed class ReleaseAfterFlood(CollabMetrics metrics, TimeProvider time, ILogger<ReleaseAfterFlood> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    /// <summary>What counts as a flood: bytes received since the last release.</summary>
    public const long FloodBytes = 64L * 1024 * 1024;

    /// <summary>A period that received less than this is quiet.</summary>
    public const long QuietBytes = 4L * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        var released = metrics.BytesReceived;
        var last = released;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = metrics.BytesReceived;
            if (now - last < QuietBytes && now - released >= FloodBytes)
            {
                var before = GC.GetTotalMemory(forceFullCollection: false);
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                logger.LogInformation("After {Bytes} bytes received, released memory: managed heap {Before} -> {After} bytes",
                    now - released, before, GC.GetTotalMemory(forceFullCollection: false));
                released = now;
            }
            last = now;
        }
    }
}
