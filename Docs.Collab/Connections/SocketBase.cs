using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net.WebSockets;
using Docs.Collab.Documents;
using Docs.Collab.Telemetry;
using Docs.Collab.Throttling;

namespace Docs.Collab.Connections;

/// <summary>
/// What every collaboration socket shares: whole messages up to the size limit, a silence timeout, a
/// bounded send queue (a slow reader is cut off instead of slowing its documents), close codes, and
/// detaching its documents when it ends. Subclasses speak a protocol in <see cref="HandleAsync"/>.
/// Frames are written straight to the TCP socket when the server exposes it (<paramref name="direct"/>),
/// otherwise through <paramref name="socket"/>; messages are always read through <paramref name="socket"/>.
/// </summary>
public abstract class SocketBase(WebSocket socket, DirectFrameWriter? direct, string? address, DocumentRegistry registry, CollabMetrics metrics,
    CollabOptions options, ILogger logger)
    : IDocumentSocket, IDisposable
{
    // Frames waiting to be written, in order. One drain at a time writes them (_draining = 1): started by
    // whoever queues onto an idle socket, on their own thread, so a frame usually leaves with no thread
    // hop (as Node's ws writes at once); when the socket pushes back, the drain continues asynchronously.
    private readonly ConcurrentQueue<WireFrame> _outbox = new();
    // What is queued until written — the outbox and the batch being written (MaxSendQueue, MaxSendQueueBytes).
    private int _queued;
    private long _queuedBytes;
    // Cancelled when a slow reader is cut off: nothing more is written but the rest of a frame already begun, then the close frame.
    private readonly CancellationTokenSource _cutOff = new();
    private int _draining;
    private Task _drain = Task.CompletedTask;
    private List<WireFrame>? _batch; // the drain's, reused: one drain at a time
    private const int ReceiveBufferBytes = 4096;
    private readonly CancellationTokenSource _closing = new();
    private int _closeCode = (int)WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "";

    // Direct writes must not overtake the handshake's 101 response, which ASP.NET Core may still hold in its
    // output buffer: they start once the client has sent something, as it only does after reading the 101.
    private volatile bool _clientSpoke;
    private long _lastSent = System.Diagnostics.Stopwatch.GetTimestamp();

    // What the client may send: bytes (held back past it, never dropped) and awareness messages (dropped past it).
    private readonly TokenBucket _inflow = new(options.SocketBytesPerSecond, options.SocketBurstBytes, TimeProvider.System);
    private readonly TokenBucket _awareness = new(options.AwarenessPerSecond, options.AwarenessBurst, TimeProvider.System);

    private bool CanWrite => direct is null || _clientSpoke;

    protected DocumentRegistry Registry { get; } = registry;

    protected CollabOptions Options { get; } = options;

    protected ILogger Logger { get; } = logger;

    public string? Address { get; } = address;

    /// <summary>Whether a document was ever opened: decides the wording of a timeout.</summary>
    protected bool EverAuthenticated { get; set; }

    private long _lastReceived = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Closes the socket if nothing arrived for <see cref="CollabOptions.Timeout"/> (checked by <see cref="SilenceWatch"/>, one timer for all sockets).</summary>
    public void CloseIfSilent()
    {
        if (System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref _lastReceived)) > Options.Timeout)
        {
            Close(CloseCodes.ConnectionTimeout, EverAuthenticated ? "Connection Timeout: nothing received" : "Connection Timeout: no document authenticated");
        }
    }

    public abstract IReadOnlyCollection<DocumentConnection> Documents { get; }

    public abstract Task DropAsync(DocumentConnection connection, string reason);

    /// <summary>Handles one whole message.</summary>
    protected abstract Task HandleAsync(byte[] data, CancellationToken cancellationToken);

    /// <summary>
    /// Queues a message and writes it now if the socket is idle; a client that lets more than
    /// <see cref="CollabOptions.MaxSendQueue"/> frames or <see cref="CollabOptions.MaxSendQueueBytes"/> pile up is cut off.
    /// </summary>
    public void Send(byte[] message) => Post(WireFrame.Binary(message));

    private void Post(WireFrame frame)
    {
        if (Enqueue(frame))
        {
            Drain();
        }
    }

    /// <summary>Queues a frame without writing it; true when the caller must then call <see cref="Drain"/> (no drain is running).</summary>
    public bool Enqueue(WireFrame frame)
    {
        if (_closing.IsCancellationRequested)
        {
            return false;
        }
        var frames = Interlocked.Increment(ref _queued);
        var bytes = Interlocked.Add(ref _queuedBytes, frame.Bytes.Length);
        // One frame always fits (a large document's sync step 2 may exceed the byte budget alone).
        if (frames > Options.MaxSendQueue || (frames > 1 && bytes > Options.MaxSendQueueBytes))
        {
            Unqueued(1, frame.Bytes.Length);
            CutOff();
            return false;
        }
        _outbox.Enqueue(frame);
        return Interlocked.CompareExchange(ref _draining, 1, 0) == 0;
    }

    private void Unqueued(int frames, long bytes)
    {
        Interlocked.Add(ref _queued, -frames);
        Interlocked.Add(ref _queuedBytes, -bytes);
    }

    /// <summary>A client too slow to read: what waits for it is dropped, and it is closed with 4205.</summary>
    private void CutOff()
    {
        if (_closing.IsCancellationRequested)
        {
            return;
        }
        _cutOff.Cancel();
        Logger.LogWarning("Closed a socket from {Address}: too slow to read ({Frames} frames, {Bytes} bytes queued)",
            Address, Volatile.Read(ref _queued), Interlocked.Read(ref _queuedBytes));
        Close(CloseCodes.ResetConnection, "Reset Connection: too slow to read");
        DiscardQueued();
    }

    /// <summary>Drops the frames not yet taken by a write (their memory returns at once).</summary>
    private void DiscardQueued()
    {
        while (_outbox.TryDequeue(out var frame))
        {
            Unqueued(1, frame.Bytes.Length);
        }
    }

    /// <summary>Writes the queued frames, on this thread until the socket pushes back; only after <see cref="Enqueue"/> returned true.</summary>
    public void Drain() => _drain = DrainAsync();

    private async Task DrainAsync()
    {
        try
        {
            while (true)
            {
                await WriteQueuedAsync();
                // A full fence: a frame queued, or the client's first message noted, between the last look and
                // the flag dropping would otherwise be stranded. Look again.
                Interlocked.Exchange(ref _draining, 0);
                if (!CanWrite || _outbox.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or SocketException or ObjectDisposedException)
        {
            Volatile.Write(ref _draining, 0);
            _closing.Cancel();
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
            while (bytes < DirectFrameWriter.BatchBytes && batch.Count < DirectFrameWriter.BatchFrames && _outbox.TryDequeue(out var frame))
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
                Sent(bytes);
            }
            else
            {
                Unqueued(batch.Count, bytes);
            }
            batch.Clear();
        }
    }

    private void Sent(int bytes)
    {
        Volatile.Write(ref _lastSent, System.Diagnostics.Stopwatch.GetTimestamp());
        metrics.Sent(bytes);
    }

    /// <summary>
    /// Sends an empty pong when nothing was sent for <see cref="CollabOptions.KeepAliveInterval"/>, so proxies
    /// keep a quiet connection open (checked by <see cref="SilenceWatch"/>). For direct writers only: ASP.NET
    /// Core's own keep-alive would write beside them; sockets without one keep it (see SocketEndpoints).
    /// </summary>
    public void KeepAliveIfQuiet()
    {
        if (direct is not null && _clientSpoke
            && System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSent)) > Options.KeepAliveInterval)
        {
            Volatile.Write(ref _lastSent, System.Diagnostics.Stopwatch.GetTimestamp());
            Post(WireFrame.Pong);
        }
    }

    /// <summary>The client's first message proves it has the handshake's response: queued frames may now be written directly.</summary>
    private void NoteClientSpoke()
    {
        if (_clientSpoke)
        {
            return;
        }
        _clientSpoke = true;
        if (!_outbox.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            Drain();
        }
    }

    /// <summary>How long a closing socket waits for what is being written (a slow reader: the rest of its current frame) before its close frame.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    /// <summary>Waits (briefly) for the frames already queued to be written, before the socket closes; false if they were not.</summary>
    private async Task<bool> FlushAsync()
    {
        var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(System.Diagnostics.Stopwatch.Frequency * CloseGrace.TotalSeconds);
        while (Volatile.Read(ref _draining) == 1 && System.Diagnostics.Stopwatch.GetTimestamp() < deadline)
        {
            await Task.WhenAny(_drain, Task.Delay(10));
        }
        return Volatile.Read(ref _draining) == 0;
    }

    public void Close(int code, string reason)
    {
        if (_closing.IsCancellationRequested)
        {
            return;
        }
        (_closeCode, _closeReason) = (code, reason);
        _closing.Cancel();
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        metrics.SocketOpened();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closing.Token);
        var loop = ReceiveLoopAsync(linked.Token);
        try
        {
            // Closed by us (a limit, a timeout, shutdown) while the loop waits for the client: we close without
            // ending that wait, as a cancelled receive would abort the socket and the client would get 1006, not our code.
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (linked.Token.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetResult(), closed))
            {
                await await Task.WhenAny(loop, closed.Task);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closed, or the client went away.
        }
        finally
        {
            if (stopping.IsCancellationRequested && !_closing.IsCancellationRequested)
            {
                Close(CloseCodes.GoingAway, "server shutting down");
            }
            await DetachAllAsync();
            // A direct write still stuck after the wait: a close frame written beside it could split it; end without one.
            var flushed = await FlushAsync();
            DiscardQueued();
            await CloseSocketAsync(withCloseFrame: flushed || direct is null);
            // A message being handled finishes, and whatever it attached meanwhile is detached; a receive still
            // waiting ends with the client's close frame, or when the connection ends after we return.
            await EndOfLoopAsync(loop);
            await DetachAllAsync();
            metrics.SocketClosed(_closeCode);
        }
    }

    private async Task EndOfLoopAsync(Task loop)
    {
        if (await Task.WhenAny(loop, Task.Delay(CloseGrace)) != loop)
        {
            _ = loop.ContinueWith(static ended => ended.Exception, TaskScheduler.Default); // observed, whenever it ends
            return;
        }
        try
        {
            await loop;
        }
        catch (Exception ex)
        {
            Logger.LogDebug(ex, "The receive loop of a socket from {Address} ended with an error after its close", Address);
        }
    }

    private async Task DetachAllAsync()
    {
        foreach (var connection in Documents)
        {
            await Registry.DetachAsync(connection);
        }
    }

    /// <summary>The client's close frame: its code is the socket's, unless we closed first.</summary>
    private void ClientClosed()
    {
        if (!_closing.IsCancellationRequested)
        {
            _closeCode = (int)(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // Wait for the next message without holding a buffer: an idle connection costs none. Receives are never
            // cancelled (that aborts the socket); RunAsync stops waiting for them instead.
            var ready = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
            if (ready.MessageType == WebSocketMessageType.Close)
            {
                ClientClosed();
                return;
            }
            NoteClientSpoke();
            // Small: most frames are a few dozen bytes; larger ones arrive in pieces.
            var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
            byte[]? frame;
            try
            {
                frame = await ReadMessageAsync(buffer, cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            if (frame is null)
            {
                return;
            }
            Volatile.Write(ref _lastReceived, System.Diagnostics.Stopwatch.GetTimestamp());
            metrics.Received(frame.Length);
            await WorkOffSocketThreads.LeaveIfLargeAsync(frame.Length);
            await HandleAsync(frame, cancellationToken);
            await HoldBackAsync(_inflow, "socket", frame.Length, cancellationToken);
        }
    }

    /// <summary>
    /// Back-pressure: takes <paramref name="amount"/> from <paramref name="budget"/> and, if that puts it in debt, reads
    /// nothing more from this client until it has refilled. The client's TCP window fills and it slows down; nothing it
    /// sent is dropped.
    /// </summary>
    protected async Task HoldBackAsync(TokenBucket budget, string name, long amount, CancellationToken cancellationToken)
    {
        var waited = await budget.TakeAsync(amount, cancellationToken);
        if (waited > TimeSpan.Zero)
        {
            metrics.Throttled(name, waited);
            Volatile.Write(ref _lastReceived, System.Diagnostics.Stopwatch.GetTimestamp()); // held back by us, not silent
        }
    }

    /// <summary>What the server produced at the client's request (a document's state) counts against the client's byte budget too.</summary>
    protected Task HoldBackForAnswerAsync(long bytes, CancellationToken cancellationToken) => HoldBackAsync(_inflow, "socket", bytes, cancellationToken);

    /// <summary>Whether an awareness message is within the socket's rate; one over it is dropped (awareness is ephemeral).</summary>
    protected bool AwarenessWithinRate()
    {
        if (_awareness.TryTake(1))
        {
            return true;
        }
        metrics.AwarenessDropped();
        return false;
    }

    /// <summary>One whole message, or null when the socket is done (closed, too big, or closed by us).</summary>
    private async Task<byte[]?> ReadMessageAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            ClientClosed();
            return null;
        }
        if (result.EndOfMessage)
        {
            return buffer.AsSpan(0, result.Count).ToArray(); // the usual case: one small frame in one read
        }
        using var message = new MemoryStream();
        message.Write(buffer, 0, result.Count);
        while (!result.EndOfMessage)
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                ClientClosed();
                return null;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                return null; // closed by us meanwhile
            }
            if (message.Length + result.Count > Options.MaxMessageBytes)
            {
                Logger.LogWarning("Closed a socket from {Address}: a message over {Max} bytes", Address, Options.MaxMessageBytes);
                Close(CloseCodes.MessageTooBig, "Message Too Big");
                return null;
            }
            message.Write(buffer, 0, result.Count);
        }
        return message.ToArray();
    }

    /// <summary>Sends the acknowledgement built by <paramref name="acknowledgement"/> once <paramref name="durable"/> completes.</summary>
    protected async Task AcknowledgeWhenDurableAsync(DocumentConnection connection, Task durable, Func<byte[]>? acknowledgement)
    {
        try
        {
            await durable;
            if (acknowledgement is not null)
            {
                Send(acknowledgement());
            }
        }
        catch (Exception ex)
        {
            // Not durable: no acknowledgement; the client keeps the change as unsynced and resends it after reconnecting.
            Logger.LogError(ex, "An update of {Document} could not be stored; resetting the writer's connection", connection.Document.Id);
            Close(CloseCodes.ResetConnection, "Reset Connection: storage unavailable");
        }
    }

    private async Task CloseSocketAsync(bool withCloseFrame)
    {
        try
        {
            if (!withCloseFrame)
            {
                socket.Abort();
            }
            else if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync((WebSocketCloseStatus)_closeCode, _closeReason, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        socket.Dispose();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _closing.Dispose();
            _cutOff.Dispose();
        }
    }
}
