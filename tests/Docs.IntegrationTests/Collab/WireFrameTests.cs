using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Docs.Yjs;
using Docs.Yjs.Protocols;

namespace Docs.IntegrationTests.Collab;

/// <summary>
/// Docs.Collab's WebSocket frames read off the TCP stream byte by byte: they are written straight to the
/// socket (not by ASP.NET Core), so nothing else checks that they are well formed, come after the handshake,
/// and that quiet sockets get their keep-alive. The second instance writes through ASP.NET Core's WebSocket
/// (as behind TLS or HTTP/2), whose keep-alive is then its own.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class WireFrameTests(StackFixture stack)
{
    private const byte Binary = 0x2;
    private const byte Pong = 0xA;

    [Theory]
    [InlineData("collab")]   // direct writes
    [InlineData("collab-2")] // through ASP.NET Core's WebSocket
    public async Task Frames_on_the_wire_are_well_formed_in_every_length_after_the_101_and_a_quiet_socket_gets_a_keep_alive_pong(string instance)
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Wire");
        var name = id.ToString();
        var url = stack.SocketUrl(instance);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        var stream = tcp.GetStream();

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET {url.AbsolutePath} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        var response = await ReadHeadAsync(stream);
        Assert.StartsWith("HTTP/1.1 101", response, StringComparison.Ordinal);
#pragma warning disable CA5350 // RFC 6455 §4.2.2 defines the accept value with SHA-1; no security rests on it.
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
        Assert.Contains($"Sec-WebSocket-Accept: {accept}\r\n", response, StringComparison.OrdinalIgnoreCase);

        await WriteMaskedAsync(stream, HocuspocusMessages.Token(name, await owner.TicketAsync(id), "4.8.0"));
        await WriteMaskedAsync(stream, HocuspocusMessages.SyncStep1(name, new Doc().EncodeStateVector()));

        // Every frame until the keep-alive: final, unmasked, no reserved bits, decodable. Another client's edits
        // bring one frame of each length encoding (7-bit, 16-bit, 64-bit: that one larger than a batched write).
        var authenticated = false;
        var lengths = new List<int>();
        await using var writer = await RawClient.ConnectAsync(url);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var (opcode, payload) = await ReadFrameAsync(stream, deadline.Token);
            if (opcode == Pong)
            {
                Assert.Empty(payload);
                // ASP.NET Core's keep-alive pongs on its own clock, so on a slow machine one may come before the edits.
                if (lengths.Any(length => length > ushort.MaxValue))
                {
                    break;
                }
                continue;
            }
            Assert.Equal(Binary, opcode);
            var frame = HocuspocusFrame.Read(payload);
            Assert.Equal(name, frame.DocumentName);
            lengths.Add(payload.Length);
            if (frame.Type == HocuspocusMessageType.Auth && !authenticated)
            {
                authenticated = true;
                Assert.Equal("read-write", await writer.OpenAsync(name, await owner.TicketAsync(id)));
                Assert.True(await writer.TypeAsync(name, new string('m', 300)));
                Assert.True(await writer.TypeAsync(name, new string('L', 70_000)));
            }
        }
        Assert.True(authenticated);
        Assert.Contains(lengths, length => length < 126);
        Assert.Contains(lengths, length => length is >= 126 and <= ushort.MaxValue);
        Assert.Contains(lengths, length => length > ushort.MaxValue);
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            await stream.ReadExactlyAsync(one);
            head.Add(one[0]);
        }
        return Encoding.ASCII.GetString([.. head]);
    }

    /// <summary>A client frame: final, binary, masked (RFC 6455 §5.3).</summary>
    private static async Task WriteMaskedAsync(NetworkStream stream, byte[] payload)
    {
        Assert.True(payload.Length <= ushort.MaxValue);
        var lengthBytes = payload.Length < 126 ? 0 : 2;
        var mask = RandomNumberGenerator.GetBytes(4);
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = 0x80 | Binary;
        frame[1] = (byte)(0x80 | (lengthBytes == 0 ? payload.Length : 126));
        if (lengthBytes == 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        var start = 2 + lengthBytes;
        mask.CopyTo(frame, start);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[start + 4 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }
        await stream.WriteAsync(frame);
    }

    private static async Task<(byte Opcode, byte[] Payload)> ReadFrameAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new byte[2];
        await stream.ReadExactlyAsync(head, cancellationToken);
        Assert.Equal(0x80, head[0] & 0xF0); // final, no reserved bits
        Assert.Equal(0, head[1] & 0x80);    // a server never masks
        long length = head[1] & 0x7F;
        if (length == 126)
        {
            var extended = new byte[2];
            await stream.ReadExactlyAsync(extended, cancellationToken);
            length = BinaryPrimitives.ReadUInt16BigEndian(extended);
            Assert.True(length >= 126, "the shortest length encoding");
        }
        else if (length == 127)
        {
            var extended = new byte[8];
            await stream.ReadExactlyAsync(extended, cancellationToken);
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
            Assert.True(length > ushort.MaxValue, "the shortest length encoding");
        }
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken);
        return ((byte)(head[0] & 0x0F), payload);
    }
}
