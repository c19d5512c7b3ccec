using Docs.Collab.Documents;
using Docs.Core.Collaboration;

namespace Docs.Collab.Connections;

/// <summary>One document open on one socket, under the key the client used (the name, or name\0session).</summary>
public sealed class DocumentConnection(ClientSocket socket, LiveDocument document, string key, CollaborationGrant grant)
{
    public ClientSocket Socket { get; } = socket;

    public LiveDocument Document { get; } = document;

    public string Key { get; } = key;

    public CollaborationGrant Grant { get; set; } = grant;

    public bool ReadOnly => !Grant.CanWrite;

    public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The awareness clients this connection announced, removed when it goes.</summary>
    public HashSet<ulong> AwarenessClients { get; } = [];

    public void Send(byte[] frame) => Socket.Send(frame);
}
