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
        foreach (var connection in connections)
        {
            await document.AttachAsync(connection, maxConnections: 100, maxPerPerson: 100, CancellationToken.None);
        }

        await document.ApplyAsync(Edit("a"), connections[0], long.MaxValue, CancellationToken.None); // 79 recipients: written by thread-pool items
        await document.ApplyAsync(Edit("b"), connections[1], long.MaxValue, CancellationToken.None); // applied while they write: held
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

    /// <summary>An update of a client of its own, inserting <paramref name="text"/>.</summary>
    private static byte[] Edit(string text)
    {
        var doc = new Doc();
        doc.GetText("text").Insert(0, text);
        return doc.EncodeStateAsUpdate();
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
