using Docs.Collab.Memory;
using Docs.Collab.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Docs.Collab.Tests;

/// <summary>Memory is released once after a flood, when it is over; not while it lasts, nor without one.</summary>
public sealed class ReleaseAfterFloodTests : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly CollabMetrics _metrics = new();
    private readonly Releases _releases = new();

    [Fact]
    public async Task Memory_is_released_once_the_flood_is_over()
    {
        using var service = new ReleaseAfterFlood(_metrics, _time, _releases);
        await service.StartAsync(CancellationToken.None);

        await TickAsync(receivedMiB: 1); // ordinary traffic: no flood
        Assert.Equal(0, _releases.Count);
        await TickAsync(receivedMiB: 40);
        await TickAsync(receivedMiB: 40); // a flood, still going on
        Assert.Equal(0, _releases.Count);
        await TickAsync(receivedMiB: 1); // over
        Assert.Equal(1, _releases.Count);
        await TickAsync(receivedMiB: 1);
        await TickAsync(receivedMiB: 0);
        Assert.Equal(1, _releases.Count); // once per flood

        await service.StopAsync(CancellationToken.None);
    }

    private async Task TickAsync(int receivedMiB)
    {
        for (var i = 0; i < receivedMiB; i++)
        {
            _metrics.Received(1024 * 1024);
        }
        _time.Advance(Period);
        await Task.Delay(500); // the service's loop runs its check (the periodic timer would fold two periods missed into one)
    }

    public void Dispose() => _metrics.Dispose();

    /// <summary>Counts the service's report of a release.</summary>
    private sealed class Releases : ILogger<ReleaseAfterFlood>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Interlocked.Increment(ref _count);
    }
}
