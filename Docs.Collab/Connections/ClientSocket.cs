using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;
using Docs.Collab.Documents;
using Docs.Collab.Fanout;
using Docs.Collab.Persistence;
using Docs.Collab.Telemetry;
using Docs.Core.Collaboration;
using Docs.Yjs;
using Docs.Yjs.Encoding;
using Docs.Yjs.Protocols;

namespace Docs.Collab.Connections;

/// <summary>
/// One WebSocket speaking the Hocuspocus protocol: many documents, each authenticated by its own
/// ticket; frames for a document not yet authenticated wait (within limits) for its ticket. Sends go
/// through a bounded queue, so a slow reader is cut off instead of slowing its documents down.
/// </summary>
public sealed class ClientSocket(
    WebSocket socket,
    string? address,
    DocumentRegistry registry,
    UpdateLog log,
    RedisFanout fanout,
    CollaborationTicket tickets,
    CollabMetrics metrics,
    CollabOptions options,
    ILogger logger) : IDisposable
{
    private readonly Dictionary<string, DocumentConnection> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<byte[]>> _pending = new(StringComparer.Ordinal);
    private readonly Channel<byte[]> _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(options.MaxSendQueue)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly CancellationTokenSource _closing = new();
    private int _pendingBytes;
    private int _closeCode = (int)WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "";
    private bool _everAuthenticated;

    public string? Address { get; } = address;

    public IReadOnlyCollection<DocumentConnection> Documents
    {
        get
        {
            lock (_documents)
            {
                return [.. _documents.Values];
            }
        }
    }

    /// <summary>Queues a frame; a client that lets <see cref="CollabOptions.MaxSendQueue"/> frames pile up is disconnected.</summary>
    public void Send(byte[] frame)
    {
        if (!_outbox.Writer.TryWrite(frame) && !_closing.IsCancellationRequested)
        {
            Close(CloseCodes.ResetConnection, "Reset Connection: too slow to read");
        }
    }

    public void Close(int code, string reason)
    {
        if (_closing.IsCancellationRequested)
        {
            return;
        }
        (_closeCode, _closeReason) = (code, reason);
        _closing.Cancel();
        _outbox.Writer.TryComplete();
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        metrics.SocketOpened();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closing.Token);
        var sender = SendLoopAsync();
        try
        {
            await ReceiveLoopAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
            // The client went away.
        }
        finally
        {
            if (stopping.IsCancellationRequested && !_closing.IsCancellationRequested)
            {
                Close(CloseCodes.GoingAway, "server shutting down");
            }
            _outbox.Writer.TryComplete();
            foreach (var connection in Documents)
            {
                await registry.DetachAsync(connection);
            }
            await sender;
            await CloseSocketAsync();
            metrics.SocketClosed(_closeCode);
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                silence.CancelAfter(options.Timeout);
                var frame = await ReadMessageAsync(buffer, silence.Token, cancellationToken);
                if (frame is null)
                {
                    return;
                }
                metrics.Received(frame.Length);
                await HandleAsync(frame, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One whole message, or null when the socket is done (closed, too big, silent for too long).</summary>
    private async Task<byte[]?> ReadMessageAsync(byte[] buffer, CancellationToken silence, CancellationToken closing)
    {
        using var message = new MemoryStream();
        while (true)
        {
            ValueWebSocketReceiveResult result;
            try
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(), silence);
            }
            catch (OperationCanceledException) when (!closing.IsCancellationRequested)
            {
                Close(CloseCodes.ConnectionTimeout, _everAuthenticated ? "Connection Timeout: nothing received" : "Connection Timeout: no document authenticated");
                return null;
            }
            if (result.MessageType == WebSocketMessageType.Close)
            {
                _closeCode = (int)(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure);
                return null;
            }
            if (message.Length + result.Count > options.MaxMessageBytes)
            {
                Close(CloseCodes.MessageTooBig, "Message Too Big");
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return message.ToArray();
            }
        }
    }

    private async Task HandleAsync(byte[] data, CancellationToken cancellationToken)
    {
        if (data.Length == 1 && data[0] == (byte)HocuspocusMessageType.Pong)
        {
            return; // the answer to our (optional) Ping
        }
        HocuspocusFrame frame;
        try
        {
            frame = HocuspocusFrame.Read(data);
        }
        catch (YjsDecodingException)
        {
            Close(CloseCodes.Unauthorized, "Unauthorized: undecodable frame");
            return;
        }
        if (frame.Type == HocuspocusMessageType.Ping)
        {
            Send(HocuspocusMessages.Pong());
            return;
        }
        DocumentConnection? connection;
        lock (_documents)
        {
            _documents.TryGetValue(frame.DocumentName, out connection);
        }
        try
        {
            if (connection is not null)
            {
                await HandleDocumentFrameAsync(connection, frame, cancellationToken);
            }
            else if (frame.Type == HocuspocusMessageType.Auth && frame.Body.ReadVarUint() == (ulong)HocuspocusAuthType.Token)
            {
                var body = frame.Body;
                body.ReadVarUint();
                await AuthenticateAsync(frame.DocumentName, body.ReadString(), cancellationToken);
            }
            else
            {
                Queue(frame.DocumentName, data);
            }
        }
        catch (YjsDecodingException ex)
        {
            logger.LogInformation("Closed a socket from {Address}: undecodable {Type} frame ({Message})", Address, frame.Type, ex.Message);
            Close(CloseCodes.Unauthorized, "Unauthorized: undecodable frame");
        }
    }

    /// <summary>Frames for a document whose ticket has not come yet wait, within limits (as Hocuspocus 4.3+).</summary>
    private void Queue(string key, byte[] data)
    {
        if (!_pending.TryGetValue(key, out var frames))
        {
            if (_pending.Count >= 100)
            {
                Close(CloseCodes.ResetConnection, "Reset Connection: too many documents waiting for authentication");
                return;
            }
            frames = _pending[key] = [];
        }
        _pendingBytes += data.Length;
        if (frames.Count >= options.MaxPendingFrames || _pendingBytes > options.MaxPendingBytes)
        {
            Close(CloseCodes.ResetConnection, "Reset Connection: too much sent before authentication");
            return;
        }
        frames.Add(data);
    }

    private async Task AuthenticateAsync(string key, string token, CancellationToken cancellationToken)
    {
        var (name, _) = SplitKey(key);
        var grant = await tickets.ValidateAsync(token);
        if (grant is null || !Guid.TryParse(name, out var documentId) || documentId != grant.DocumentId)
        {
            Deny(key, "permission-denied");
            return;
        }
        int open;
        lock (_documents)
        {
            open = _documents.Count;
        }
        if (open >= options.MaxDocumentsPerConnection)
        {
            Deny(key, "too-many-documents");
            return;
        }
        var (connection, refusal) = await registry.AttachAsync(documentId, document => new DocumentConnection(this, document, key, grant), cancellationToken);
        if (connection is null)
        {
            Deny(key, refusal ?? "permission-denied");
            return;
        }
        lock (_documents)
        {
            _documents[key] = connection;
        }
        _everAuthenticated = true;
        Send(HocuspocusMessages.Authenticated(key, connection.ReadOnly ? "readonly" : "read-write"));
        var document = connection.Document;
        await document.Gate.WaitAsync(cancellationToken);
        try
        {
            Send(HocuspocusMessages.SyncStep1(key, document.Doc.EncodeStateVector()));
            if (document.Awareness.States.Count > 0)
            {
                Send(HocuspocusMessages.Awareness(key, document.Awareness.EncodeUpdate()));
            }
        }
        finally
        {
            document.Gate.Release();
        }
        if (_pending.Remove(key, out var queued))
        {
            foreach (var data in queued)
            {
                _pendingBytes -= data.Length;
                await HandleDocumentFrameAsync(connection, HocuspocusFrame.Read(data), cancellationToken);
            }
        }
    }

    private void Deny(string key, string reason)
    {
        if (_pending.Remove(key, out var queued))
        {
            _pendingBytes -= queued.Sum(f => f.Length);
        }
        Send(HocuspocusMessages.PermissionDenied(key, reason));
    }

    private async Task HandleDocumentFrameAsync(DocumentConnection connection, HocuspocusFrame frame, CancellationToken cancellationToken)
    {
        var document = connection.Document;
        switch (frame.Type)
        {
            case HocuspocusMessageType.Sync:
            case HocuspocusMessageType.SyncReply:
                await HandleSyncAsync(connection, SyncMessage.Read(frame.Body), cancellationToken);
                break;
            case HocuspocusMessageType.Awareness:
                await HandleAwarenessAsync(connection, frame.Body.ReadVarBytes(), cancellationToken);
                break;
            case HocuspocusMessageType.QueryAwareness:
                await document.Gate.WaitAsync(cancellationToken);
                try
                {
                    Send(HocuspocusMessages.Awareness(connection.Key, document.Awareness.EncodeUpdate()));
                }
                finally
                {
                    document.Gate.Release();
                }
                break;
            case HocuspocusMessageType.Auth:
                await RefreshTicketAsync(connection, frame);
                break;
            case HocuspocusMessageType.Close:
                await DropAsync(connection, "provider_initiated");
                break;
            case HocuspocusMessageType.BroadcastStateless:
                // Server-to-server only: a client sending it loses the document connection (as Hocuspocus 4.1.1+).
                await DropAsync(connection, "broadcast-stateless is not for clients");
                break;
            default:
                // Stateless, SyncStatus: nothing to do.
                break;
        }
    }

    private async Task HandleSyncAsync(DocumentConnection connection, SyncMessage message, CancellationToken cancellationToken)
    {
        var document = connection.Document;
        if (message.Type == SyncMessageType.Step1)
        {
            await document.Gate.WaitAsync(cancellationToken);
            byte[] missing;
            try
            {
                missing = document.Doc.EncodeStateAsUpdate(message.Payload);
            }
            finally
            {
                document.Gate.Release();
            }
            Send(HocuspocusMessages.SyncStep2(connection.Key, missing));
            return;
        }
        if (connection.ReadOnly)
        {
            // Never applied. A step 2 that brings nothing new is acknowledged; anything else is refused.
            var bringsNothing = message.Type == SyncMessageType.Step2 && await BringsNothingNewAsync(document, message.Payload, cancellationToken);
            Send(HocuspocusMessages.SyncStatus(connection.Key, bringsNothing));
            return;
        }
        var received = System.Diagnostics.Stopwatch.GetTimestamp();
        await document.Gate.WaitAsync(cancellationToken);
        try
        {
            if (document.Bytes + message.Payload.Length > options.MaxDocumentBytes)
            {
                logger.LogWarning("Document {Document} would exceed {Max} bytes; closing the writer's connection", document.Id, options.MaxDocumentBytes);
                Send(HocuspocusMessages.SyncStatus(connection.Key, false));
                Close(CloseCodes.MessageTooBig, "Message Too Big: the document is at its size limit");
                return;
            }
            document.Doc.ApplyUpdate(message.Payload, origin: connection);
            document.Bytes += message.Payload.Length;
            document.LoggedUpdates++;
            var update = message.Payload;
            document.Broadcast(key => HocuspocusMessages.Update(key, update));
        }
        finally
        {
            document.Gate.Release();
        }
        fanout.Publish(document.Id, RedisFanout.Kind.Update, message.Payload);
        _ = AcknowledgeWhenCommittedAsync(connection, log.AppendAsync(document.Id, message.Payload), received);
        if (document.LoggedUpdates >= options.CompactAfterUpdates && document.TryStartCompaction())
        {
            _ = CompactInBackgroundAsync(document);
        }
    }

    private async Task AcknowledgeWhenCommittedAsync(DocumentConnection connection, Task committed, long received)
    {
        try
        {
            await committed;
            Send(HocuspocusMessages.SyncStatus(connection.Key, true));
            metrics.UpdateAccepted(System.Diagnostics.Stopwatch.GetElapsedTime(received));
        }
        catch (Exception ex)
        {
            // Not durable: no acknowledgement; the client keeps the change as unsynced and resends it after reconnecting.
            logger.LogError(ex, "An update of {Document} could not be stored; resetting the writer's connection", connection.Document.Id);
            Close(CloseCodes.ResetConnection, "Reset Connection: storage unavailable");
        }
    }

    private async Task CompactInBackgroundAsync(LiveDocument document)
    {
        try
        {
            await registry.CompactAsync(document, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "Compaction of {Document} failed; retried later", document.Id);
        }
        finally
        {
            document.CompactionDone();
        }
    }

    private static async Task<bool> BringsNothingNewAsync(LiveDocument document, byte[] update, CancellationToken cancellationToken)
    {
        var incoming = Docs.Yjs.Updates.YUpdate.EncodeStateVectorFromUpdate(update);
        await document.Gate.WaitAsync(cancellationToken);
        try
        {
            var current = StateVector.Decode(document.Doc.EncodeStateVector());
            return StateVector.Decode(incoming).All(entry => current.TryGetValue(entry.Key, out var clock) && clock >= entry.Value);
        }
        finally
        {
            document.Gate.Release();
        }
    }

    private async Task HandleAwarenessAsync(DocumentConnection connection, byte[] update, CancellationToken cancellationToken)
    {
        var document = connection.Document;
        await document.Gate.WaitAsync(cancellationToken);
        try
        {
            var change = document.Awareness.ApplyUpdate(update, connection);
            connection.AwarenessClients.UnionWith(change.Added);
            connection.AwarenessClients.UnionWith(change.Updated);
            connection.AwarenessClients.ExceptWith(change.Removed);
            document.Broadcast(key => HocuspocusMessages.Awareness(key, update));
        }
        finally
        {
            document.Gate.Release();
        }
        fanout.Publish(document.Id, RedisFanout.Kind.Awareness, update);
    }

    /// <summary>A new ticket on an open document (token refresh): it may change the scope, or end the connection.</summary>
    private async Task RefreshTicketAsync(DocumentConnection connection, HocuspocusFrame frame)
    {
        var body = frame.Body;
        if (body.ReadVarUint() != (ulong)HocuspocusAuthType.Token)
        {
            return;
        }
        var grant = await tickets.ValidateAsync(body.ReadString());
        if (grant is null || grant.DocumentId != connection.Document.Id)
        {
            Send(HocuspocusMessages.PermissionDenied(connection.Key, "permission-denied"));
            await DetachAsync(connection);
            return;
        }
        connection.Grant = grant;
        Send(HocuspocusMessages.Authenticated(connection.Key, connection.ReadOnly ? "readonly" : "read-write"));
    }

    /// <summary>Ends one document connection with a CLOSE frame and a reason; the socket stays open for the others.</summary>
    public async Task DropAsync(DocumentConnection connection, string reason)
    {
        Send(HocuspocusMessages.Close(connection.Key, reason));
        await DetachAsync(connection);
    }

    private async Task DetachAsync(DocumentConnection connection)
    {
        lock (_documents)
        {
            _documents.Remove(connection.Key);
        }
        await registry.DetachAsync(connection);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var frame in _outbox.Reader.ReadAllAsync())
            {
                if (socket.State != WebSocketState.Open)
                {
                    break;
                }
                await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
                metrics.Sent(frame.Length);
            }
        }
        catch (WebSocketException)
        {
            _closing.Cancel();
        }
    }

    private async Task CloseSocketAsync()
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
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

    public void Dispose() => _closing.Dispose();

    private static (string Name, string? Session) SplitKey(string key)
    {
        var separator = key.IndexOf('\0', StringComparison.Ordinal);
        return separator < 0 ? (key, null) : (key[..separator], key[(separator + 1)..]);
    }
}
