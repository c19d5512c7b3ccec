using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;

namespace Docs.Collab.Connections;

/// <summary>
/// Writes server-to-client WebSocket frames (RFC 6455 §5.2: final, unmasked) straight to the connection's
/// TCP socket: one <c>send</c> per frame on the writing thread, as Node's <c>ws</c> does. Through ASP.NET
/// Core's WebSocket, each frame is copied twice, takes a lock that the socket's send loop contends for, and
/// is handed to that loop on another thread; under a broadcast to a thousand sockets that costs more than
/// the <c>send</c> itself. Frames that queued up while the client was slow to read leave together, in one
/// <c>send</c>. Only one write at a time (the socket's single drain); reading stays with ASP.NET Core.
/// </summary>
public sealed class DirectFrameWriter(Socket socket)
{
    private const byte Final = 0x80;
    public const byte Binary = 0x2;
    public const byte Pong = 0xA;

    /// <summary>Frames waiting together are written in one <c>send</c> up to this size (as Node's queued writes are).</summary>
    public const int BatchBytes = 64 * 1024;

    /// <summary>Writes <paramref name="frames"/> (opcode, payload) in as few <c>send</c> calls as fit in <see cref="BatchBytes"/>.</summary>
    public async ValueTask WriteAsync(IReadOnlyList<(byte Opcode, byte[] Payload)> frames)
    {
        var next = 0;
        while (next < frames.Count)
        {
            var (opcode, payload) = frames[next];
            var size = HeaderLength(payload.Length) + payload.Length;
            if (size > BatchBytes)
            {
                // A large frame on its own: its header, then its payload as it is, without copying it.
                var header = new byte[HeaderLength(payload.Length)];
                WriteHeader(header, opcode, payload.Length);
                await SendAllAsync(header);
                await SendAllAsync(payload);
                next++;
                continue;
            }
            var buffer = ArrayPool<byte>.Shared.Rent(BatchBytes);
            try
            {
                var length = 0;
                while (next < frames.Count && frames[next].Payload is var framePayload
                    && length + HeaderLength(framePayload.Length) + framePayload.Length <= BatchBytes)
                {
                    length += WriteHeader(buffer.AsSpan(length), frames[next].Opcode, framePayload.Length);
                    framePayload.CopyTo(buffer.AsSpan(length));
                    length += framePayload.Length;
                    next++;
                }
                await SendAllAsync(buffer.AsMemory(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var sent = await socket.SendAsync(bytes, SocketFlags.None);
            bytes = bytes[sent..];
        }
    }

    private static int HeaderLength(int payloadLength) => payloadLength switch
    {
        < 126 => 2,
        <= ushort.MaxValue => 4,
        _ => 10,
    };

    /// <summary>The frame header for a payload of <paramref name="payloadLength"/> bytes; returns its length.</summary>
    private static int WriteHeader(Span<byte> destination, byte opcode, int payloadLength)
    {
        destination[0] = (byte)(Final | opcode);
        switch (payloadLength)
        {
            case < 126:
                destination[1] = (byte)payloadLength;
                return 2;
            case <= ushort.MaxValue:
                destination[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)payloadLength);
                return 4;
            default:
                destination[1] = 127;
                BinaryPrimitives.WriteUInt64BigEndian(destination[2..], (ulong)payloadLength);
                return 10;
        }
    }
}
