using Docs.Collab.Documents;
using Docs.Core.Collaboration;

namespace Docs.Collab.Connections;

/// <summary>What a document sends to its connections.</summary>
public enum Outbound
{
    Update,
    Awareness,
}

/// <summary>The socket side of a document connection: where frames go, and how it can be closed.</summary>
public interface ISocket
{
    /// <summary>Queues a message and writes it at once if the socket is idle.</summary>
    void Send(byte[] message);

    /// <summary>Queues a frame only; true when the caller must call <see cref="Drain"/> afterwards.</summary>
    bool Enqueue(WireFrame frame);

    /// <summary>Writes what is queued.</summary>
    void Drain();

    void Close(int code, string reason);

    /// <summary>The client's address (the real client's, behind a trusted proxy).</summary>
    string? Address => null;
}

/// <summary>
/// One document open on one socket, under the key the client used (the name, or name\0session, for
/// Hocuspocus; none for y-websocket, whose frames carry no name).
/// </summary>
public sealed class DocumentConnection(ISocket socket, LiveDocument document, string key, CollaborationGrant grant, bool hocuspocus = true)
{
    public ISocket Socket { get; } = socket;

    /// <summary>Connections with the same frame key receive the same bytes.</summary>
    public string FrameKey { get; } = hocuspocus ? key : "\u0001y-websocket";

    public byte[] Frame(Outbound kind, byte[] payload) => (hocuspocus, kind) switch
    {
        (true, Outbound.Update) => Docs.Yjs.Protocols.HocuspocusMessages.Update(Key, payload),
        (true, _) => Docs.Yjs.Protocols.HocuspocusMessages.Awareness(Key, payload),
        (false, Outbound.Update) => Docs.Yjs.Protocols.YWebsocketMessages.Update(payload),
        _ => Docs.Yjs.Protocols.YWebsocketMessages.Awareness(payload),
    };

    public LiveDocument Document { get; } = document;

    public string Key { get; } = key;

    public CollaborationGrant Grant { get; set; } = grant;

    /// <summary>Whom the connection's budget within the document is counted for: the user, or an anonymous reader's address.</summary>
    public string Person { get; } = grant.UserId is { } user ? user.ToString() : "address " + socket.Address;

    public bool ReadOnly => !Grant.CanWrite;

    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The awareness clients this connection announced, removed when it goes.</summary>
    public HashSet<ulong> AwarenessClients { get; } = [];

    public void Send(byte[] message) => Socket.Send(message);
}
