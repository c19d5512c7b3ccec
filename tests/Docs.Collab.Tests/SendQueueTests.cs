using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Docs.Collab.Connections;
using Docs.Collab.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;

namespace Docs.Collab.Tests;

/// <summary>
/// A client too slow to read is cut off once what waits for it passes <see cref="CollabOptions.MaxSendQueue"/> frames
/// or <see cref="CollabOptions.MaxSendQueueBytes"/>, counting what is being written too, and learns it from a
/// close frame carrying 4205 (not an aborted connection, 1006), once it reads again.
/// </summary>
public sealed class SendQueueTests : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CollabMetrics _metrics = new();
    private Socket? _client;
    private Socket? _server;

    [Theory]
    [InlineData(6000, 40)]         // many small frames: the frame budget (1,000 here)
    [InlineData(12, 512 * 1024)]   // a few large ones: the byte budget (2 MiB here)
    public async Task A_client_that_lets_frames_pile_up_is_closed_with_4205(int frames, int size)
    {
        var options = new CollabOptions { MaxSendQueue = 1000, MaxSendQueueBytes = 2 * 1024 * 1024 };
        var (serverSocket, client) = await ConnectAsync();
        using var server = new SilentSocket(serverSocket, options, _metrics);
        var run = server.RunAsync(CancellationToken.None);
        await client.SendAsync(new byte[] { 1 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        await server.Spoke.Task.WaitAsync(TimeSpan.FromSeconds(5));

        // The client reads nothing while the server sends: the kernel's small buffers fill, the rest waits in the server.
        for (var i = 0; i < frames; i++)
        {
            server.Send(new byte[size]);
        }

        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await client.ReceiveAsync(buffer, timeout.Token)).MessageType != WebSocketMessageType.Close)
        {
        }
        Assert.Equal(4205, (int)client.CloseStatus!);
        Assert.Equal("Reset Connection: too slow to read", client.CloseStatusDescription);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None); // as a browser answers
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_client_that_reads_gets_every_frame()
    {
        var options = new CollabOptions { MaxSendQueue = 1000, MaxSendQueueBytes = 2 * 1024 * 1024 };
        var (serverSocket, client) = await ConnectAsync();
        using var server = new SilentSocket(serverSocket, options, _metrics);
        var run = server.RunAsync(CancellationToken.None);
        await client.SendAsync(new byte[] { 1 }, WebSocketMessageType.Binary, true, CancellationToken.None);
        await server.Spoke.Task.WaitAsync(TimeSpan.FromSeconds(5));

        var reading = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            var received = 0;
            while (received < 6000)
            {
                var result = await client.ReceiveAsync(buffer, CancellationToken.None);
                Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
                received += result.EndOfMessage ? 1 : 0;
            }
        });
        for (var i = 0; i < 6000; i++)
        {
            server.Send(new byte[40]);
            if (i % 500 == 0)
            {
                await Task.Delay(20); // a reader keeps up with a sender that does not outrun it by a thousand frames
            }
        }
        await reading.WaitAsync(TimeSpan.FromSeconds(20));
        server.Close(1000, "done");
        Assert.Equal(WebSocketMessageType.Close, (await client.ReceiveAsync(new byte[16], CancellationToken.None)).MessageType);
        await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A TCP connection on loopback with small kernel buffers, a server WebSocket with direct writes, and its client.</summary>
    private async Task<(Socket Server, WebSocket Client)> ConnectAsync()
    {
        _listener.Start();
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await _client.ConnectAsync((IPEndPoint)_listener.LocalEndpoint);
        _server = await _listener.AcceptSocketAsync();
        _server.SendBufferSize = 4096;
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

    /// <summary>A socket without documents or protocol: it only notes that its client spoke.</summary>
    private sealed class SilentSocket : SocketBase
    {
        public SilentSocket(Socket socket, CollabOptions options, CollabMetrics metrics)
            : this(socket, new NetworkStream(socket), options, metrics)
        {
        }

        // The stream is made before the direct writer switches the socket to non-blocking.
        private SilentSocket(Socket socket, NetworkStream stream, CollabOptions options, CollabMetrics metrics)
            : base(WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true }), new DirectFrameWriter(socket),
                "127.0.0.1", registry: null!, metrics, options, NullLogger.Instance)
        {
        }

        public TaskCompletionSource Spoke { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override IReadOnlyCollection<DocumentConnection> Documents => [];

        public override Task DropAsync(DocumentConnection connection, string reason) => Task.CompletedTask;

        protected override Task HandleAsync(byte[] data, CancellationToken cancellationToken)
        {
            Spoke.TrySetResult();
            return Task.CompletedTask;
        }
    }
}
