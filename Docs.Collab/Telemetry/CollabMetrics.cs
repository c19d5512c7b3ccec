using System.Diagnostics.Metrics;

namespace Docs.Collab.Telemetry;

/// <summary>The meter "Docs.Collab": connections, loaded documents, updates, bytes, acknowledgement latency, log backlog.</summary>
public sealed class CollabMetrics : IDisposable
{
    public const string MeterName = "Docs.Collab";
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _updates;
    private readonly Counter<long> _bytesIn;
    private readonly Counter<long> _bytesOut;
    private readonly Histogram<double> _ackLatency;
    private readonly Histogram<double> _commitLatency;
    private readonly Counter<long> _closed;
    private readonly Histogram<double> _throttled;
    private readonly Counter<long> _awarenessDropped;
    private int _connections;
    private int _documents;
    private long _bytesReceived;

    public CollabMetrics()
    {
        _updates = _meter.CreateCounter<long>("docs.collab.updates", description: "Updates accepted from clients");
        _bytesIn = _meter.CreateCounter<long>("docs.collab.bytes_in", unit: "By");
        _bytesOut = _meter.CreateCounter<long>("docs.collab.bytes_out", unit: "By");
        _ackLatency = _meter.CreateHistogram<double>("docs.collab.ack_latency", unit: "ms", description: "From receiving an update to acknowledging it (after commit)");
        _commitLatency = _meter.CreateHistogram<double>("docs.collab.commit_latency", unit: "ms", description: "One group commit of the update log");
        _closed = _meter.CreateCounter<long>("docs.collab.closed", description: "Sockets closed, by close code");
        _throttled = _meter.CreateHistogram<double>("docs.collab.throttled", unit: "ms", description: "A socket's reading held back by a byte budget, by budget");
        _awarenessDropped = _meter.CreateCounter<long>("docs.collab.awareness_dropped", description: "Awareness messages over a socket's rate, dropped");
        _meter.CreateObservableGauge("docs.collab.connections", () => Volatile.Read(ref _connections));
        _meter.CreateObservableGauge("docs.collab.documents", () => Volatile.Read(ref _documents));
    }

    public int Connections => Volatile.Read(ref _connections);

    public void ObserveBacklog(Func<int> backlog) => _meter.CreateObservableGauge("docs.collab.log_backlog", backlog);

    public void SocketOpened() => Interlocked.Increment(ref _connections);

    public void SocketClosed(int code)
    {
        Interlocked.Decrement(ref _connections);
        _closed.Add(1, new KeyValuePair<string, object?>("code", code));
    }

    public void DocumentLoaded() => Interlocked.Increment(ref _documents);

    public void DocumentUnloaded() => Interlocked.Decrement(ref _documents);

    public void Received(int bytes)
    {
        _bytesIn.Add(bytes);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    /// <summary>Bytes received from clients since the start.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public void Sent(int bytes) => _bytesOut.Add(bytes);

    public void UpdateAccepted(TimeSpan ackLatency)
    {
        _updates.Add(1);
        _ackLatency.Record(ackLatency.TotalMilliseconds);
    }

    public void Committed(int count, TimeSpan latency) => _commitLatency.Record(latency.TotalMilliseconds, new KeyValuePair<string, object?>("batch", count > 1));

    /// <summary>A socket's reading waited <paramref name="wait"/> for <paramref name="budget"/> ("socket" or "document") to refill.</summary>
    public void Throttled(string budget, TimeSpan wait) => _throttled.Record(wait.TotalMilliseconds, new KeyValuePair<string, object?>("budget", budget));

    public void AwarenessDropped() => _awarenessDropped.Add(1);

    public void Dispose() => _meter.Dispose();
}
