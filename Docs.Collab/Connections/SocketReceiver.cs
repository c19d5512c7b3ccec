using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using Docs.Collab.Telemetry;

namespace Docs.Collab.Connections;

/// <summary>How a socket's receive loop ended.</summary>
public enum ReceiveEnd
{
    /// <summary>The client sent its close frame (its code is in <see cref="SocketReceiver.ClientCloseStatus"/>).</summary>
    ClientClosed,

    /// <summary>A message over <see cref="CollabOptions.MaxMessageBytes"/>.</summary>
    MessageTooBig,

    /// <summary>Closed by us while a message was arriving.</summary>
    Stopped,
}

/// <summary>
/// A socket's receive loop: whole messages up to the size limit, handed one at a time to a handler, and the time of
/// the last one (for the silence timeout). Receives are never cancelled — that aborts the socket, and the client would
/// see 1006 instead of our close code — so whoever closes stops waiting for this loop instead.
/// </summary>
public sealed class SocketReceiver(WebSocket socket, CollabOptions options, CollabMetrics metrics)
{
    // Small: most frames are a few dozen bytes; larger ones arrive in pieces.
    private const int BufferBytes = 4096;

    private long _lastReceived = Stopwatch.GetTimestamp();

    /// <summary>The client's close code, once its close frame arrived.</summary>
    public WebSocketCloseStatus? ClientCloseStatus { get; private set; }

    /// <summary>How long since the client last sent something (or we last held it back).</summary>
    public TimeSpan Silence => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastReceived));

    /// <summary>Held back by us: not silence on the client's part.</summary>
    public void NoteHeldBack() => Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());

    /// <summary>Reads messages until the client closes, a message is too big, or <paramref name="cancellationToken"/> is set.</summary>
    public async Task<ReceiveEnd> RunAsync(Action spoke, Func<byte[], CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // Wait for the next message without holding a buffer: an idle connection costs none.
            var ready = await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
            if (ready.MessageType == WebSocketMessageType.Close)
            {
                return ClientClosed();
            }
            spoke();
            var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
            (byte[]? Message, ReceiveEnd End) read;
            try
            {
                read = await ReadMessageAsync(buffer, cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            if (read.Message is not { } message)
            {
                return read.End;
            }
            Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());
            metrics.Received(message.Length);
            await WorkOffSocketThreads.LeaveIfLargeAsync(message.Length);
            await handle(message, cancellationToken);
        }
        return ReceiveEnd.Stopped;
    }

    private ReceiveEnd ClientClosed()
    {
        ClientCloseStatus = socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure;
        return ReceiveEnd.ClientClosed;
    }

    /// <summary>One whole message, or null with the reason the socket is done.</summary>
    private async Task<(byte[]? Message, ReceiveEnd End)> ReadMessageAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            return (null, ClientClosed());
        }
        if (result.EndOfMessage)
        {
            return (buffer.AsSpan(0, result.Count).ToArray(), default); // the usual case: one small frame in one read
        }
        using var message = new MemoryStream();
        message.Write(buffer, 0, result.Count);
        while (!result.EndOfMessage)
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (null, ClientClosed());
            }
            if (cancellationToken.IsCancellationRequested)
            {
                return (null, ReceiveEnd.Stopped);
            }
            if (message.Length + result.Count > options.MaxMessageBytes)
            {
                return (null, ReceiveEnd.MessageTooBig);
            }
            message.Write(buffer, 0, result.Count);
        }
        return (message.ToArray(), default);
    }
}
