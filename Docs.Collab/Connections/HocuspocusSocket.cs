using System.Net.WebSockets;
using Docs.Collab.Documents;
using Docs.Collab.Telemetry;
using Docs.Core.Collaboration;
using Docs.Yjs;
using Docs.Yjs.Protocols;

namespace Docs.Collab.Connections;

/// <summary>
/// The Hocuspocus protocol (<c>/collaboration/ws/</c>): many documents per socket, each authenticated
/// by its own ticket; frames for a document not yet authenticated wait (within limits) for its ticket.
/// </summary>
public sealed class HocuspocusSocket(
    WebSocket socket,
    DirectFrameWriter? direct,
    string? address,
    DocumentRegistry registry,
    DocumentEditor editor,
    CollaborationTicket tickets,
    CollabMetrics metrics,
    CollabOptions options,
    ILogger logger) : SocketBase(socket, direct, address, registry, metrics, options, logger)
{
    private const int MaxPendingDocuments = 100;
    private readonly Dictionary<string, DocumentConnection> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<byte[]>> _pending = new(StringComparer.Ordinal);
    private int _pendingBytes;

    public override IReadOnlyCollection<DocumentConnection> Documents
    {
        get
        {
            lock (_documents)
            {
                return [.. _documents.Values];
            }
        }
    }

    protected override async Task HandleAsync(byte[] data, CancellationToken cancellationToken)
    {
        if (data.Length == 1 && data[0] == (byte)HocuspocusMessageType.Pong)
        {
            return; // the answer to a Ping
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
                await AuthenticateAsync(frame.DocumentName, frame.SplitName().Document, body.ReadString(), cancellationToken);
            }
            else
            {
                Queue(frame.DocumentName, data);
            }
        }
        catch (YjsDecodingException ex)
        {
            Logger.LogInformation("Closed a socket from {Address}: undecodable {Type} frame ({Message})", Address, frame.Type, ex.Message);
            Close(CloseCodes.Unauthorized, "Unauthorized: undecodable frame");
        }
    }

    /// <summary>Frames for a document whose ticket has not come yet wait, within limits (as Hocuspocus 4.3+).</summary>
    private void Queue(string key, byte[] data)
    {
        if (!_pending.TryGetValue(key, out var frames))
        {
            if (_pending.Count >= MaxPendingDocuments)
            {
                Close(CloseCodes.ResetConnection, "Reset Connection: too many documents waiting for authentication");
                return;
            }
            frames = _pending[key] = [];
        }
        _pendingBytes += data.Length;
        if (frames.Count >= Options.MaxPendingFrames || _pendingBytes > Options.MaxPendingBytes)
        {
            Close(CloseCodes.ResetConnection, "Reset Connection: too much sent before authentication");
            return;
        }
        frames.Add(data);
    }

    /// <summary>Opens the document <paramref name="name"/> under the client's <paramref name="key"/> (the name, or name\0session).</summary>
    private async Task AuthenticateAsync(string key, string name, string token, CancellationToken cancellationToken)
    {
        var grant = await tickets.ValidateAsync(token);
        if (grant is null || !Guid.TryParse(name, out var documentId) || documentId != grant.DocumentId)
        {
            Deny(key, "permission-denied");
            return;
        }
        if (Documents.Count >= Options.MaxDocumentsPerConnection)
        {
            Deny(key, "too-many-documents");
            return;
        }
        var (connection, refusal) = await Registry.AttachAsync(documentId, document => new DocumentConnection(this, document, key, grant), cancellationToken);
        if (connection is null)
        {
            Deny(key, refusal ?? "permission-denied");
            return;
        }
        lock (_documents)
        {
            _documents[key] = connection;
        }
        EverAuthenticated = true;
        Send(HocuspocusMessages.Authenticated(key, connection.ReadOnly ? "readonly" : "read-write"));
        var (stateVector, awareness) = await editor.GreetingAsync(connection.Document, cancellationToken);
        Send(HocuspocusMessages.SyncStep1(key, stateVector));
        if (awareness is not null)
        {
            Send(HocuspocusMessages.Awareness(key, awareness));
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
        switch (frame.Type)
        {
            case HocuspocusMessageType.Sync:
            case HocuspocusMessageType.SyncReply:
                await HandleSyncAsync(connection, SyncMessage.Read(frame.Body), cancellationToken);
                break;
            case HocuspocusMessageType.Awareness when AwarenessWithinRate():
                await editor.ApplyAwarenessAsync(connection, frame.Body.ReadVarBytes(), cancellationToken);
                break;
            case HocuspocusMessageType.QueryAwareness:
                Send(HocuspocusMessages.Awareness(connection.Key, await editor.AwarenessStatesAsync(connection.Document, cancellationToken)));
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
        if (message.Type == SyncMessageType.Step1)
        {
            var missing = await editor.MissingSinceAsync(connection.Document, message.Payload, cancellationToken);
            Send(HocuspocusMessages.SyncStep2(connection.Key, missing));
            await HoldBackForAnswerAsync(missing.Length, cancellationToken);
            return;
        }
        if (connection.ReadOnly)
        {
            // Never applied. A step 2 that brings nothing new is acknowledged; anything else is refused.
            var bringsNothing = message.Type == SyncMessageType.Step2 && await editor.BringsNothingNewAsync(connection.Document, message.Payload, cancellationToken);
            Send(HocuspocusMessages.SyncStatus(connection.Key, bringsNothing));
            return;
        }
        var durable = await editor.ApplyAsync(connection, message.Payload, cancellationToken);
        if (durable is null)
        {
            Send(HocuspocusMessages.SyncStatus(connection.Key, false));
            Close(CloseCodes.MessageTooBig, "Message Too Big: the document is at its size limit");
            return;
        }
        _ = AcknowledgeWhenDurableAsync(connection, durable, () => HocuspocusMessages.SyncStatus(connection.Key, true));
        await HoldBackAsync(connection.Document.Inflow, "document", message.Payload.Length, cancellationToken);
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
    public override async Task DropAsync(DocumentConnection connection, string reason)
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
        await Registry.DetachAsync(connection);
    }
}
