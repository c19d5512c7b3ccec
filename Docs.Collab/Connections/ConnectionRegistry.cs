using System.Collections.Concurrent;

namespace Docs.Collab.Connections;

/// <summary>A socket with documents: what the admin API and permission re-checks act on.</summary>
public interface IDocumentSocket : ISocket
{
    IReadOnlyCollection<DocumentConnection> Documents { get; }

    /// <summary>Ends one document connection, saying why.</summary>
    Task DropAsync(DocumentConnection connection, string reason);
}

/// <summary>The open sockets of this instance, for the admin API and permission re-checks.</summary>
public sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<IDocumentSocket, byte> _sockets = new();

    public void Add(IDocumentSocket socket) => _sockets[socket] = 0;

    public void Remove(IDocumentSocket socket) => _sockets.TryRemove(socket, out _);

    public IEnumerable<SocketBase> All => _sockets.Keys.OfType<SocketBase>();

    /// <summary>The document connections of a document, optionally of one user.</summary>
    public IEnumerable<DocumentConnection> Of(Guid documentId, Guid? userId = null) =>
        _sockets.Keys.SelectMany(s => s.Documents)
            .Where(c => c.Document.Id == documentId && (userId is null || c.Grant.UserId == userId));

    /// <summary>Closes those connections: their providers reconnect with a fresh ticket, which says what they may do now.</summary>
    public async Task<int> ResetAsync(Guid documentId, Guid? userId, string reason)
    {
        var connections = Of(documentId, userId).ToList();
        foreach (var connection in connections)
        {
            var socket = (IDocumentSocket)connection.Socket;
            await socket.DropAsync(connection, reason);
            if (socket.Documents.Count == 0)
            {
                socket.Close(CloseCodes.ResetConnection, "Reset Connection");
            }
        }
        return connections.Count;
    }
}
