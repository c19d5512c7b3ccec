using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Docs.Collab.Connections;
using Docs.Collab.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Docs.Collab.Tests;

/// <summary>
/// A client that sends faster than <see cref="CollabOptions.SocketBytesPerSecond"/> is held back, not cut: the server
/// stops reading until its budget refills, the client's own sends stall (its TCP window is full), and every message
/// arrives, in order.
/// </summary>
public sealed class BackPressureTests : IAsyncDisposable
{
    private const int Frames = 48;
    private const int FrameBytes = 64 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CollabMetrics _metrics = new();
    private Socket? _client;
    private Socket? _server;

    [Fact]
    public async Task A_client_over_its_byte_budget_is_slowed_to_the_rate_and_loses_nothing()
    {
        // 3 MiB sent; 256 KiB of burst, then 1 MiB a second: about 2.7 s to read it all.
        var options = new CollabOptions { SocketBytesPerSecond = 1024 * 1024, SocketBurstBytes = 256 * 1024 };
        var (serverSocket, client) = await ConnectAsync();
        using var server = new CountingSocket(serverSocket, options, _metrics);
        var run = server.RunAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();

        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < Frames; i++)
            {
                var frame = new byte[FrameBytes];
                frame[0] = (byte)i;
                await client.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(1));
        var handledAtOneSecond = server.HandledBytes;
        var elapsed = clock.Elapsed.TotalSeconds;
        Assert.False(sending.IsCompleted, "the client's sends should stall while the server holds back");
        Assert.InRange(handledAtOneSecond, 1, options.SocketBurstBytes + (long)(elapsed * options.SocketBytesPerSecond) + FrameBytes);

        await sending.WaitAsync(TimeSpan.FromSeconds(20));
        await server.AllHandled.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(2), $"read in {clock.Elapsed}: not held to the rate");
        Assert.Equal(Enumerable.Range(0, Frames).Select(i => (byte)i), server.FirstBytes);

        server.Close(1000, "done");
        Assert.Equal(WebSocketMessageType.Close, (await client.ReceiveAsync(new byte[16], CancellationToken.None)).MessageType);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A TCP connection on loopback with kernel buffers much smaller than what the client sends (so that back-pressure reaches it), and its client WebSocket.</summary>
    private async Task<(Socket Server, WebSocket Client)> ConnectAsync()
    {
        _listener.Start();
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { SendBufferSize = 64 * 1024, NoDelay = true };
        await _client.ConnectAsync((IPEndPoint)_listener.LocalEndpoint);
        _server = await _listener.AcceptSocketAsync();
        _server.ReceiveBufferSize = 64 * 1024;
        var client = WebSocket.CreateFromStream(new NetworkStream(_client), new WebSocketCreationOptions { IsServer = false });
        return (_server, client);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _server?.Dispose();
        _listener.Stop();
        _listener.Dispose();
        _metrics.Dispose();
        await Task.CompletedTask;
    }

    /// <summary>A socket without documents or protocol: it counts what it handles.</summary>
    private sealed class CountingSocket(Socket socket, CollabOptions options, CollabMetrics metrics)
        : SocketBase(WebSocket.CreateFromStream(new NetworkStream(socket), new WebSocketCreationOptions { IsServer = true }), direct: null,
            "127.0.0.1", registry: null!, metrics, options, NullLogger.Instance)
    {
        private long _handledBytes;

        public long HandledBytes => Interlocked.Read(ref _handledBytes);

        public List<byte> FirstBytes { get; } = [];

        public TaskCompletionSource AllHandled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override IReadOnlyCollection<DocumentConnection> Documents => [];

        public override Task DropAsync(DocumentConnection connection, string reason) => Task.CompletedTask;

        protected override Task HandleAsync(byte[] data, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _handledBytes, data.Length);
            FirstBytes.Add(data[0]);
            if (FirstBytes.Count == Frames)
            {
                AllHandled.TrySetResult();
            }
            return Task.CompletedTask;
        }
    }
}
