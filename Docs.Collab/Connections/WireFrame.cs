using System.Buffers.Binary;

namespace Docs.Collab.Connections;

/// <summary>
/// A server-to-client WebSocket frame as it goes on the wire (RFC 6455 §5.2: final, unmasked), built once:
/// a broadcast shares one among all its recipients, and a socket writes it as it is, without copying.
/// </summary>
public readonly struct WireFrame
{
    private const byte Final = 0x80;
    private const byte BinaryOpcode = 0x2;
    private const byte PongOpcode = 0xA;

    private WireFrame(byte[] bytes, int headerLength) => (Bytes, HeaderLength) = (bytes, headerLength);

    /// <summary>Header and payload.</summary>
    public byte[] Bytes { get; }

    public int HeaderLength { get; }

    public ReadOnlyMemory<byte> Payload => Bytes.AsMemory(HeaderLength);

    /// <summary>An empty unsolicited pong (RFC 6455 §5.5.3), the keep-alive.</summary>
    public static WireFrame Pong { get; } = new([Final | PongOpcode, 0], 2);

    public bool IsPong => (Bytes[0] & 0x0F) == PongOpcode;

    /// <summary>A binary frame carrying <paramref name="message"/>.</summary>
    public static WireFrame Binary(ReadOnlySpan<byte> message)
    {
        var headerLength = message.Length switch
        {
            < 126 => 2,
            <= ushort.MaxValue => 4,
            _ => 10,
        };
        var bytes = GC.AllocateUninitializedArray<byte>(headerLength + message.Length);
        bytes[0] = Final | BinaryOpcode;
        switch (headerLength)
        {
            case 2:
                bytes[1] = (byte)message.Length;
                break;
            case 4:
                bytes[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)message.Length);
                break;
            default:
                bytes[1] = 127;
                BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(2), (ulong)message.Length);
                break;
        }
        message.CopyTo(bytes.AsSpan(headerLength));
        return new WireFrame(bytes, headerLength);
    }
}
