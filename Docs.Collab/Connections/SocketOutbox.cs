using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using Docs.Collab.Telemetry;

namespace Docs.Collab.Connections;

/// <summary>
/// What a socket has to write, in order, bounded: a client that lets more than <see cref="CollabOptions.MaxSendQueue"/>
/// frames or <see cref="CollabOptions.MaxSendQueueBytes"/> pile up is cut off (<paramref name="tooSlow"/>) instead of
/// slowing its documents; a write that fails means the connection is gone (<paramref name="lost"/>). Frames are
/// written straight to the TCP socket when the server exposes it (<paramref name="direct"/>), otherwise through
/// <paramref name="socket"/>.
/// </summary>
public sealed class SocketOutbox(WebSocket socket, DirectFrameWriter? direct, CollabOptions options, CollabMetrics metrics,
    Action tooSlow, Action lost, CancellationToken closing) : IDisposable
{
    // Frames waiting to be written. One drain at a time writes them (_draining = 1): started by whoever queues onto an
    // idle socket, on their own thread, so a frame usually leaves with no thread hop (as Node's ws writes at once);
    // when the socket pushes back, the drain continues asynchronously.
    private readonly ConcurrentQueue<WireFrame> _frames = new();
    // What is queued until written — the queue and the batch being written.
    private int _queued;
    private long _queuedBytes;
    // Cancelled when a slow reader is cut off: nothing more is written but the rest of a frame already begun.
    private readonly CancellationTokenSource _cutOff = new();
    private int _draining;
    private Task _drain = Task.CompletedTask;
    private List<WireFrame>? _batch; // the drain's, reused: one drain at a time

    // Direct writes must not overtake the handshake's 101 response, which ASP.NET Core may still hold in its output
    // buffer: they start once the client has sent something, as it only does after reading the 101.
    private volatile bool _clientSpoke;
    private long _lastSent = Stopwatch.GetTimestamp();

    /// <summary>How long a closing socket waits for what is being written (a slow reader: the rest of its current frame).</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private bool CanWrite => direct is null || _clientSpoke;

    public int QueuedFrames => Volatile.Read(ref _queued);

    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Queues a frame and writes it now if no drain is running.</summary>
    public void Post(WireFrame frame)
    {
        if (Enqueue(frame))
        {
            Drain();
        }
    }

    /// <summary>Queues a frame without writing it; true when the caller must then call <see cref="Drain"/> (no drain is running).</summary>
    public bool Enqueue(WireFrame frame)
    {
        if (closing.IsCancellationRequested || _cutOff.IsCancellationRequested)
        {
            return false;
        }
        var frames = Interlocked.Increment(ref _queued);
        var bytes = Interlocked.Add(ref _queuedBytes, frame.Bytes.Length);
        // One frame always fits (a large document's sync step 2 may exceed the byte budget alone).
        if (frames > options.MaxSendQueue || (frames > 1 && bytes > options.MaxSendQueueBytes))
        {
            Unqueued(1, frame.Bytes.Length);
            CutOff();
            return false;
        }
        _frames.Enqueue(frame);
        return Interlocked.CompareExchange(ref _draining, 1, 0) == 0;
    }

    /// <summary>Writes the queued frames, on this thread until the socket pushes back; only after <see cref="Enqueue"/> returned true.</summary>
    public void Drain() => _drain = DrainAsync();

    /// <summary>The client's first message proves it has the handshake's response: queued frames may now be written directly.</summary>
    public void ClientSpoke()
    {
        if (_clientSpoke)
        {
            return;
        }
        _clientSpoke = true;
        if (!_frames.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            Drain();
        }
    }

    /// <summary>
    /// Sends an empty pong when nothing was sent for <see cref="CollabOptions.KeepAliveInterval"/>, so proxies keep a
    /// quiet connection open. For direct writers only: ASP.NET Core's own keep-alive would write beside them.
    /// </summary>
    public void KeepAliveIfQuiet()
    {
        if (direct is not null && _clientSpoke && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSent)) > options.KeepAliveInterval)
        {
            Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
            Post(WireFrame.Pong);
        }
    }

    /// <summary>Waits (briefly) for the frames already queued to be written, before the socket closes; false if they were not.</summary>
    public async Task<bool> FlushAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * CloseGrace.TotalSeconds);
        while (Volatile.Read(ref _draining) == 1 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.WhenAny(_drain, Task.Delay(10));
        }
        return Volatile.Read(ref _draining) == 0;
    }

    /// <summary>Drops the frames not yet taken by a write (their memory returns at once).</summary>
    public void DiscardQueued()
    {
        while (_frames.TryDequeue(out var frame))
        {
            Unqueued(1, frame.Bytes.Length);
        }
    }

    private void Unqueued(int frames, long bytes)
    {
        Interlocked.Add(ref _queued, -frames);
        Interlocked.Add(ref _queuedBytes, -bytes);
    }

    /// <summary>A client too slow to read: what waits for it is dropped, and its socket is told.</summary>
    private void CutOff()
    {
        if (closing.IsCancellationRequested || _cutOff.IsCancellationRequested)
        {
            return;
        }
        _cutOff.Cancel();
        tooSlow();
        DiscardQueued();
    }

    private async Task DrainAsync()
    {
        try
        {
            while (true)
            {
                await WriteQueuedAsync();
                // A full fence: a frame queued, or the client's first message noted, between the last look and the flag
                // dropping would otherwise be stranded. Look again.
                Interlocked.Exchange(ref _draining, 0);
                if (!CanWrite || _frames.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or SocketException or ObjectDisposedException)
        {
            Volatile.Write(ref _draining, 0);
            lost();
        }
    }

    /// <summary>
    /// Writes what is queued: straight to the TCP socket, frames that waited together in one <c>send</c>; or, without
    /// a direct writer, one by one through the WebSocket (keep-alive pongs are only queued for direct writers).
    /// </summary>
    private async Task WriteQueuedAsync()
    {
        var batch = _batch ??= new List<WireFrame>(4);
        batch.Clear(); // after a failed write
        while (CanWrite && !_cutOff.IsCancellationRequested)
        {
            var bytes = 0;
            while (bytes < DirectFrameWriter.BatchBytes && batch.Count < DirectFrameWriter.BatchFrames && _frames.TryDequeue(out var frame))
            {
                batch.Add(frame);
                bytes += frame.Bytes.Length;
            }
            if (batch.Count == 0)
            {
                return;
            }
            if (socket.State == WebSocketState.Open) // else dropped: nobody reads any more
            {
                try
                {
                    if (direct is not null)
                    {
                        await direct.WriteAsync(batch, _cutOff.Token);
                    }
                    else
                    {
                        foreach (var frame in batch.Where(f => !f.IsPong && !_cutOff.IsCancellationRequested))
                        {
                            await socket.SendAsync(frame.Payload, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
                        }
                    }
                }
                finally
                {
                    // Counted as queued until written (or failed): a batch stuck on a slow reader still holds its memory.
                    Unqueued(batch.Count, bytes);
                }
                Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
                metrics.Sent(bytes);
            }
            else
            {
                Unqueued(batch.Count, bytes);
            }
            batch.Clear();
        }
    }

    public void Dispose() => _cutOff.Dispose();
}
