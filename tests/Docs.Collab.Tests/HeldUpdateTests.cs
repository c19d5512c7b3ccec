using System.Collections.Concurrent;
using Docs.Collab.Connections;
using Docs.Collab.Documents;
using Docs.Core.Collaboration;
using Docs.Yjs;

namespace Docs.Collab.Tests;

/// <summary>
/// In a crowded document, updates applied while a broadcast is still being written are held and sent once
/// it is done. A single held update is an update like any other: its sender has it and must not get it back.
/// </summary>
public sealed class HeldUpdateTests : IDisposable
{
    // Sockets of the test write nothing; their drains wait here, as a broadcast's writers would on slow sockets.
    private readonly ManualResetEventSlim _writable = new(false);

    [Fact]
    public async Task A_single_update_held_during_a_crowded_broadcast_goes_to_all_but_its_sender()
    {
        var document = new LiveDocument(Guid.NewGuid(), new Doc(), 0);
        var sockets = Enumerable.Range(0, 80).Select(_ => new RecordingSocket(_writable)).ToList();
        var connections = sockets.Select(socket => new DocumentConnection(socket, document, "doc",
            new CollaborationGrant(document.Id, null, null, CanWrite: true, DateTimeOffset.UtcNow.AddMinutes(1)))).ToList();
        connections.ForEach(document.Attach);

        document.Broadcast(Outbound.Update, [1, 2, 3], connections[0]); // 79 recipients: written by thread-pool items
        document.Broadcast(Outbound.Update, [4, 5, 6], connections[1]); // applied while they write: held
        Assert.Empty(sockets[0].Frames);
        Assert.Single(sockets[2].Frames);

        _writable.Set();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (sockets[2].Frames.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, sockets[2].Frames.Count); // the held update went out once the first broadcast was written
        Assert.Single(sockets[0].Frames);         // the first sender gets the second update
        Assert.Single(sockets[1].Frames);         // the second sender only the first: its own is not echoed
    }

    public void Dispose() => _writable.Dispose();

    private sealed class RecordingSocket(ManualResetEventSlim writable) : ISocket
    {
        public ConcurrentQueue<byte[]> Frames { get; } = new();

        public void Send(byte[] message) => Frames.Enqueue(message);

        public bool Enqueue(WireFrame frame)
        {
            Frames.Enqueue(frame.Bytes);
            return true;
        }

        public void Drain() => writable.Wait(TimeSpan.FromSeconds(10));

        public void Close(int code, string reason)
        {
        }
    }
}
