using System.Net.WebSockets;
using Docs.Collab.Documents;
using Docs.Collab.Telemetry;
using Docs.Core.Collaboration;
using Docs.Yjs;
using Docs.Yjs.Encoding;
using Docs.Yjs.Protocols;

namespace Docs.Collab.Connections;

/// <summary>
/// The plain y-websocket protocol (<c>/collaboration/yws/{document}?ticket=…</c>): one document per
/// socket, authenticated by the ticket in the query string before the first frame. It has no
/// acknowledgements; a read-only connection's updates are dropped.
/// </summary>
public sealed class YWebsocketSocket(
    WebSocket socket,
    DirectFrameWriter? direct,
    string? address,
    DocumentRegistry registry,
    DocumentEditor editor,
    CollabMetrics metrics,
    CollabOptions options,
    ILogger logger) : SocketBase(socket, direct, address, registry, metrics, options, logger)
{
    private DocumentConnection? _connection;

    public override IReadOnlyCollection<DocumentConnection> Documents => _connection is null ? [] : [_connection];

    /// <summary>Attaches the socket to its document and greets the client; false (socket closed) when refused.</summary>
    public async Task<bool> OpenAsync(Guid documentId, CollaborationGrant? grant, CancellationToken cancellationToken)
    {
        if (grant is null || grant.DocumentId != documentId)
        {
            Close(CloseCodes.Unauthorized, "Unauthorized: a valid ticket for this document is required");
            return false;
        }
        var (connection, refusal) = await Registry.AttachAsync(documentId, document => new DocumentConnection(this, document, "", grant, hocuspocus: false), cancellationToken);
        if (connection is null)
        {
            Close(CloseCodes.Forbidden, "Forbidden: " + refusal);
            return false;
        }
        _connection = connection;
        EverAuthenticated = true;
        var (stateVector, awareness) = await editor.GreetingAsync(connection.Document, cancellationToken);
        Send(Sync(new SyncMessage(SyncMessageType.Step1, stateVector)));
        if (awareness is not null)
        {
            Send(YWebsocketMessages.Awareness(awareness));
        }
        return true;
    }

    protected override async Task HandleAsync(byte[] data, CancellationToken cancellationToken)
    {
        var connection = _connection!;
        try
        {
            var reader = new Lib0Reader(data);
            switch ((YWebsocketMessageType)reader.ReadVarUint())
            {
                case YWebsocketMessageType.Sync:
                    var message = SyncMessage.Read(reader);
                    if (message.Type == SyncMessageType.Step1)
                    {
                        var missing = await editor.MissingSinceAsync(connection.Document, message.Payload, cancellationToken);
                        Send(YWebsocketMessages.SyncStep2(missing));
                        await HoldBackForAnswerAsync(missing.Length, cancellationToken);
                    }
                    else if (!connection.ReadOnly)
                    {
                        var durable = await editor.ApplyAsync(connection, message.Payload, cancellationToken);
                        if (durable is null)
                        {
                            Close(CloseCodes.MessageTooBig, "Message Too Big: the document is at its size limit");
                            return;
                        }
                        _ = AcknowledgeWhenDurableAsync(connection, durable, acknowledgement: null);
                        await HoldBackAsync(connection.Document.Inflow, "document", message.Payload.Length, cancellationToken);
                    }
                    break;
                case YWebsocketMessageType.Awareness when AwarenessWithinRate():
                    await editor.ApplyAwarenessAsync(connection, reader.ReadVarBytes(), cancellationToken);
                    break;
                case YWebsocketMessageType.QueryAwareness:
                    Send(YWebsocketMessages.Awareness(await editor.AwarenessStatesAsync(connection.Document, cancellationToken)));
                    break;
                default:
                    break; // auth and unknown messages are ignored, as y-websocket does
            }
        }
        catch (YjsDecodingException ex)
        {
            Logger.LogInformation("Closed a y-websocket socket from {Address}: undecodable frame ({Message})", Address, ex.Message);
            Close(CloseCodes.Unauthorized, "Unauthorized: undecodable frame");
        }
    }

    public override async Task DropAsync(DocumentConnection connection, string reason)
    {
        _connection = null;
        await Registry.DetachAsync(connection);
        Close(CloseCodes.ResetConnection, "Reset Connection: " + reason);
    }

    private static byte[] Sync(SyncMessage message)
    {
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)YWebsocketMessageType.Sync);
        message.Write(writer);
        return writer.ToArray();
    }
}
