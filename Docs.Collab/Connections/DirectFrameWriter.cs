using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Docs.Collab.Connections;

/// <summary>
/// Writes frames straight to the connection's TCP socket: on the writing thread, in one <c>send</c> (a gather
/// write when several waited together), as Node's <c>ws</c> does. Through ASP.NET Core's WebSocket, each frame
/// is copied twice, takes a lock that the socket's send loop contends for, and is handed to that loop on
/// another thread; under a broadcast to a thousand sockets that costs more than the <c>send</c> itself. The
/// socket is switched to non-blocking: a write the kernel takes at once completes without any asynchronous
/// machinery, and only what a slow reader leaves over is awaited. Only one write at a time (the socket's
/// single drain); reading stays with ASP.NET Core.
/// </summary>
public sealed class DirectFrameWriter
{
    /// <summary>Frames waiting together are written in one <c>send</c> up to this size (as Node's queued writes are).</summary>
    public const int BatchBytes = 64 * 1024;

    /// <summary>At most this many frames per gather write (well under the kernel's <c>IOV_MAX</c>).</summary>
    public const int BatchFrames = 64;

    private readonly Socket _socket;

    // The gather list of a write, used only before WriteAsync returns: one per thread, not one per connection.
    [ThreadStatic]
    private static List<ArraySegment<byte>>? t_segments;

    /// <summary>
    /// A writer for the request's TCP socket when that socket carries the WebSocket's frames as they are:
    /// HTTP/1.1 without TLS, on Kestrel's socket transport. Null otherwise — under TLS the socket carries
    /// ciphertext, under HTTP/2 the frames of many streams — and the frames go through ASP.NET Core's WebSocket.
    /// </summary>
    public static DirectFrameWriter? For(HttpContext context) =>
        HttpProtocol.IsHttp11(context.Request.Protocol)
        && context.Features.Get<ITlsHandshakeFeature>() is null
        && context.Features.Get<ITlsConnectionFeature>() is null
        && context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket
            ? new DirectFrameWriter(socket)
            : null;

    public DirectFrameWriter(Socket socket)
    {
        _socket = socket;
        // Synchronous sends then return at once with what the kernel took instead of waiting for the reader;
        // asynchronous operations (ASP.NET Core's reads) are unaffected.
        _socket.Blocking = false;
    }

    /// <summary>
    /// Writes <paramref name="frames"/> (at most <see cref="BatchFrames"/>), in order; completes when the kernel has them all,
    /// or, once <paramref name="stop"/> is cancelled, at the end of the frame being written (the stream stays whole).
    /// </summary>
    public ValueTask WriteAsync(IReadOnlyList<WireFrame> frames, CancellationToken stop = default)
    {
        int sent, total;
        SocketError error;
        if (frames.Count == 1)
        {
            total = frames[0].Bytes.Length;
            sent = _socket.Send(frames[0].Bytes, 0, total, SocketFlags.None, out error);
        }
        else
        {
            var segments = t_segments ??= new List<ArraySegment<byte>>(BatchFrames);
            total = 0;
            foreach (var frame in frames)
            {
                segments.Add(frame.Bytes);
                total += frame.Bytes.Length;
            }
            try
            {
                sent = _socket.Send(segments, SocketFlags.None, out error);
            }
            finally
            {
                segments.Clear();
            }
        }
        if (error == SocketError.Success && sent == total)
        {
            return ValueTask.CompletedTask;
        }
        if (error is not (SocketError.Success or SocketError.WouldBlock))
        {
            return ValueTask.FromException(new SocketException((int)error));
        }
        return SendRestAsync(frames, Math.Max(sent, 0), stop);
    }

    /// <summary>What the kernel did not take at once: the frames after the first <paramref name="skip"/> bytes, as the socket drains.</summary>
    private async ValueTask SendRestAsync(IReadOnlyList<WireFrame> frames, int skip, CancellationToken stop)
    {
        foreach (var frame in frames)
        {
            if (skip >= frame.Bytes.Length)
            {
                skip -= frame.Bytes.Length;
                continue;
            }
            if (skip == 0 && stop.IsCancellationRequested)
            {
                return; // at a frame boundary: the rest is dropped
            }
            var rest = frame.Bytes.AsMemory(skip);
            skip = 0;
            while (!rest.IsEmpty)
            {
                rest = rest[await _socket.SendAsync(rest, SocketFlags.None, CancellationToken.None)..]; // a frame begun is finished
            }
        }
    }
}
