using System.Net.WebSockets;
using Docs.Collab.Documents;
using Docs.Collab.Telemetry;
using Docs.Collab.Throttling;

namespace Docs.Collab.Connections;

/// <summary>
/// What every collaboration socket shares: its <see cref="SocketOutbox"/> (what it writes, bounded) and its
/// <see cref="SocketReceiver"/> (whole messages up to the size limit), the client's budgets, a silence timeout, close
/// codes, and detaching its documents when it ends. Subclasses speak a protocol in <see cref="HandleAsync"/>.
/// </summary>
public abstract class SocketBase : IDocumentSocket, IDisposable
{
    private readonly WebSocket _socket;
    private readonly DirectFrameWriter? _direct;
    private readonly CollabMetrics _metrics;
    private readonly SocketOutbox _outbox;
    private readonly SocketReceiver _receiver;
    private readonly CancellationTokenSource _closing = new();
    private int _closeCode = (int)WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "";

    // What the client may send: bytes (held back past it, never dropped) and awareness messages (dropped past it).
    private readonly TokenBucket _inflow;
    private readonly TokenBucket _awareness;

    /// <summary>How long a closing socket waits for the receive loop to finish the message it handles.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    protected SocketBase(WebSocket socket, DirectFrameWriter? direct, string? address, DocumentRegistry registry, CollabMetrics metrics,
        CollabOptions options, ILogger logger)
    {
        (_socket, _direct, _metrics, Address, Registry, Options, Logger) = (socket, direct, metrics, address, registry, options, logger);
        _outbox = new SocketOutbox(socket, direct, options, metrics, TooSlowToRead, lost: _closing.Cancel, _closing.Token);
        _receiver = new SocketReceiver(socket, options, metrics);
        _inflow = new TokenBucket(options.SocketBytesPerSecond, options.SocketBurstBytes, TimeProvider.System);
        _awareness = new TokenBucket(options.AwarenessPerSecond, options.AwarenessBurst, TimeProvider.System);
    }

    protected DocumentRegistry Registry { get; }

    protected CollabOptions Options { get; }

    protected ILogger Logger { get; }

    public string? Address { get; }

    /// <summary>Whether a document was ever opened: decides the wording of a timeout.</summary>
    protected bool EverAuthenticated { get; set; }

    public abstract IReadOnlyCollection<DocumentConnection> Documents { get; }

    public abstract Task DropAsync(DocumentConnection connection, string reason);

    /// <summary>Handles one whole message.</summary>
    protected abstract Task HandleAsync(byte[] data, CancellationToken cancellationToken);

    /// <summary>Queues a message and writes it now if the socket is idle.</summary>
    public void Send(byte[] message) => _outbox.Post(WireFrame.Binary(message));

    public bool Enqueue(WireFrame frame) => _outbox.Enqueue(frame);

    public void Drain() => _outbox.Drain();

    /// <summary>Closes the socket if nothing arrived for <see cref="CollabOptions.Timeout"/> (checked by <see cref="SilenceWatch"/>, one timer for all sockets).</summary>
    public void CloseIfSilent()
    {
        if (_receiver.Silence > Options.Timeout)
        {
            Close(CloseCodes.ConnectionTimeout, EverAuthenticated ? "Connection Timeout: nothing received" : "Connection Timeout: no document authenticated");
        }
    }

    /// <summary>Keeps a quiet connection open through proxies (checked by <see cref="SilenceWatch"/>).</summary>
    public void KeepAliveIfQuiet() => _outbox.KeepAliveIfQuiet();

    /// <summary>A client too slow to read is closed with 4205 (what waits for it is then dropped).</summary>
    private void TooSlowToRead()
    {
        Logger.LogWarning("Closed a socket from {Address}: too slow to read ({Frames} frames, {Bytes} bytes queued)",
            Address, _outbox.QueuedFrames, _outbox.QueuedBytes);
        Close(CloseCodes.ResetConnection, "Reset Connection: too slow to read");
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
        _metrics.SocketOpened();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closing.Token);
        var loop = ReceiveAsync(linked.Token);
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
            var flushed = await _outbox.FlushAsync();
            _outbox.DiscardQueued();
            await CloseSocketAsync(withCloseFrame: flushed || _direct is null);
            // A message being handled finishes, and whatever it attached meanwhile is detached; a receive still
            // waiting ends with the client's close frame, or when the connection ends after we return.
            await EndOfLoopAsync(loop);
            await DetachAllAsync();
            _metrics.SocketClosed(_closeCode);
        }
    }

    /// <summary>The receive loop, each message handled then paid for from the client's byte budget.</summary>
    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var end = await _receiver.RunAsync(_outbox.ClientSpoke, async (message, token) =>
        {
            await HandleAsync(message, token);
            await HoldBackAsync(_inflow, "socket", message.Length, token);
        }, cancellationToken);
        switch (end)
        {
            case ReceiveEnd.ClientClosed when !_closing.IsCancellationRequested:
                // The client's close frame: its code is the socket's, unless we closed first.
                _closeCode = (int)_receiver.ClientCloseStatus!.Value;
                break;
            case ReceiveEnd.MessageTooBig:
                Logger.LogWarning("Closed a socket from {Address}: a message over {Max} bytes", Address, Options.MaxMessageBytes);
                Close(CloseCodes.MessageTooBig, "Message Too Big");
                break;
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
            _metrics.Throttled(name, waited);
            _receiver.NoteHeldBack();
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
        _metrics.AwarenessDropped();
        return false;
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
                _socket.Abort();
            }
            else if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync((WebSocketCloseStatus)_closeCode, _closeReason, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        _socket.Dispose();
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
            _outbox.Dispose();
            _closing.Dispose();
        }
    }
}
