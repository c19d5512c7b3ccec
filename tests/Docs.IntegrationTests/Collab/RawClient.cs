using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Docs.Yjs;
using Docs.Yjs.Encoding;
using Docs.Yjs.Protocols;

namespace Docs.IntegrationTests.Collab;

/// <summary>A byte-level Hocuspocus client: sends exactly what a test wants, hostile or not, and reads what comes back.</summary>
public sealed class RawClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private SocketsHttpHandler? _handler; // the connection's, when it was made from a chosen address

    public Doc Doc { get; } = new();

    /// <summary>
    /// Connects from <paramref name="from"/> (a loopback address other than 127.0.0.1 stands for another machine),
    /// sending <paramref name="forwardedFor"/> as <c>X-Forwarded-For</c> (as a proxy would) if given.
    /// </summary>
    public static async Task<RawClient> ConnectAsync(Uri url, string? origin = null, IPAddress? from = null, string? forwardedFor = null)
    {
        var client = new RawClient();
        if (origin is not null)
        {
            client._socket.Options.SetRequestHeader("Origin", origin);
        }
        if (forwardedFor is not null)
        {
            client._socket.Options.SetRequestHeader("X-Forwarded-For", forwardedFor);
        }
        if (from is null)
        {
            await client._socket.ConnectAsync(url, CancellationToken.None);
            return client;
        }
        var handler = client._handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        await client._socket.ConnectAsync(url, invoker, CancellationToken.None);
        return client;
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public Task SendAsync(byte[] frame) => _socket.SendAsync(frame, WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>The next frame, or null when the server closed the socket (see <see cref="CloseStatus"/>).</summary>
    public async Task<byte[]?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var message = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    /// <summary>Reads until a frame matches (applying sync payloads to <see cref="Doc"/> on the way), or the socket closes.</summary>
    public async Task<HocuspocusFrame?> WaitForAsync(Func<HocuspocusFrame, bool> match, TimeSpan? timeout = null)
    {
        var end = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < end)
        {
            var data = await ReceiveAsync(end - DateTime.UtcNow);
            if (data is null)
            {
                return null;
            }
            var frame = HocuspocusFrame.Read(data);
            if (frame.Type == HocuspocusMessageType.Sync)
            {
                var message = SyncMessage.Read(frame.Body);
                if (message.Type != SyncMessageType.Step1)
                {
                    Doc.ApplyUpdate(message.Payload);
                }
            }
            if (match(frame))
            {
                return frame;
            }
        }
        throw new TimeoutException("The expected frame did not come.");
    }

    /// <summary>Auth then step 1; returns the scope, or null when denied (the reason in <paramref name="denied"/>).</summary>
    public async Task<string?> OpenAsync(string document, string ticket)
    {
        await SendAsync(HocuspocusMessages.Token(document, ticket, "4.8.0"));
        await SendAsync(HocuspocusMessages.SyncStep1(document, Doc.EncodeStateVector()));
        var auth = await WaitForAsync(f => f.Type == HocuspocusMessageType.Auth && f.DocumentName == document);
        var body = auth!.Body;
        var type = (HocuspocusAuthType)body.ReadVarUint();
        LastAuthReason = body.ReadString();
        if (type != HocuspocusAuthType.Authenticated)
        {
            return null;
        }
        await WaitForAsync(f => f.Type == HocuspocusMessageType.Sync && SyncMessage.Read(f.Body).Type == SyncMessageType.Step2);
        return LastAuthReason;
    }

    public string? LastAuthReason { get; private set; }

    /// <summary>Types into the text "t" and sends the update; returns the SyncStatus answer.</summary>
    public async Task<bool> TypeAsync(string document, string text)
    {
        byte[]? update = null;
        void Capture(byte[] u, object? origin, Transaction t) => update = u;
        Doc.Update += Capture;
        Doc.GetText("t").Insert(Doc.GetText("t").Length, text);
        Doc.Update -= Capture;
        await SendAsync(HocuspocusMessages.Update(document, update!));
        var status = await WaitForAsync(f => f.Type == HocuspocusMessageType.SyncStatus && f.DocumentName == document);
        return status!.Body.ReadVarUint() == 1;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancel.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        _socket.Dispose();
        _handler?.Dispose();
    }
}
