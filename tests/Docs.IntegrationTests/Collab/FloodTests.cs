using System.Diagnostics;
using Docs.Yjs;
using Docs.Yjs.Protocols;

namespace Docs.IntegrationTests.Collab;

/// <summary>
/// Issue #25, item 6: a client flooding one document (large updates from several sockets, and awareness) is held to
/// its byte budgets by back-pressure and its awareness past the rate is dropped, while a well-behaved client on another
/// document keeps getting its updates; nothing the flooder was acknowledged is lost.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class FloodTests(StackFixture stack)
{
    private const int FlooderSockets = 3;
    // Per socket: 8 distinct updates of 1 MiB (24 MiB in the document, under MaxDocumentBytes), each sent 5 times (the
    // repeats bring nothing new but are read and decoded all the same): 40 MiB per socket, 120 MiB for the document.
    private const int DistinctUpdates = 8;
    private const int Repeats = 5;
    private const int UpdateBytes = 1024 * 1024;
    private const int AwarenessMessages = 5000;

    [Fact]
    public async Task A_flood_is_held_to_its_budgets_while_another_document_keeps_its_pace_and_nothing_acknowledged_is_lost()
    {
        var owner = await stack.NewPersonAsync();
        var flooded = await owner.CreateAsync("Flooded");
        var quiet = await owner.CreateAsync("Quiet");
        await using var writer = await stack.OpenForWritingAsync(owner, quiet);
        await using var reader = await stack.OpenForWritingAsync(owner, quiet);
        var flooders = new List<RawClient>();
        for (var i = 0; i < FlooderSockets; i++)
        {
            flooders.Add(await stack.OpenForWritingAsync(owner, flooded));
        }
        await using var awarenessFlooder = await stack.OpenForWritingAsync(owner, flooded);
        try
        {
            var clock = Stopwatch.StartNew();
            var floods = flooders.Select((flooder, index) => FloodWithUpdatesAsync(flooder, flooded.ToString(), index)).ToList();
            var awareness = FloodWithAwarenessAsync(awarenessFlooder, flooded.ToString());

            // Meanwhile, on the other document: an edit every 250 ms, each must reach the other client promptly.
            var delays = new List<TimeSpan>();
            for (var edit = 0; !floods.All(f => f.IsCompleted) && clock.Elapsed < TimeSpan.FromSeconds(90); edit++)
            {
                var sent = Stopwatch.StartNew();
                var marker = $"<{edit}>";
                var acknowledged = writer.TypeAsync(quiet.ToString(), marker);
                await reader.WaitForAsync(f => f.Type == HocuspocusMessageType.Sync && reader.Doc.GetText("t").ToString().Contains(marker, StringComparison.Ordinal),
                    TimeSpan.FromSeconds(30));
                delays.Add(sent.Elapsed);
                Assert.True(await acknowledged);
                await Task.Delay(250);
            }
            var results = await Task.WhenAll(floods).WaitAsync(TimeSpan.FromSeconds(120));
            await awareness;
            var floodSeconds = results.Max(r => r.Seconds);

            Assert.True(delays.Count >= 10, $"only {delays.Count} edits were made during the flood");
            Assert.True(delays.Max() < TimeSpan.FromSeconds(3), $"an edit on the other document took {delays.Max()} to arrive (of {delays.Count})");
            // 120 MiB against the document's 32 MiB of burst and 8 MiB/s: about 11 s; read as fast as sent, a few.
            Assert.True(floodSeconds > 8, $"the flood was read in {floodSeconds:0.0} s: not held to the document's budget");
            // Awareness past 200 at once and 50 a second is dropped, not relayed to the flooded document's other clients.
            Assert.All(results, r => Assert.InRange(r.AwarenessReceived, 1, 200 + 50 * floodSeconds + 100));

            // Every update was acknowledged, and every acknowledged one is stored (read as the services read).
            Assert.All(results, r => Assert.Equal(DistinctUpdates * Repeats, r.Acknowledged));
            var stored = (await stack.StoredDocAsync(flooded)).GetText("t").ToString();
            for (var socket = 0; socket < FlooderSockets; socket++)
            {
                for (var update = 0; update < DistinctUpdates; update++)
                {
                    Assert.Contains(Marker(socket, update), stored, StringComparison.Ordinal);
                }
            }
            var quietText = (await stack.StoredDocAsync(quiet)).GetText("t").ToString();
            Assert.All(Enumerable.Range(0, delays.Count), edit => Assert.Contains($"<{edit}>", quietText, StringComparison.Ordinal));
        }
        finally
        {
            foreach (var flooder in flooders)
            {
                await flooder.DisposeAsync();
            }
        }
    }

    private static string Marker(int socket, int update) => $"[flood {socket}-{update}]";

    private sealed record FloodResult(int Acknowledged, int AwarenessReceived, double Seconds);

    /// <summary>Sends every update without waiting, reading meanwhile (acknowledgements, the others' updates and awareness) as a client does.</summary>
    private static async Task<FloodResult> FloodWithUpdatesAsync(RawClient client, string document, int socket)
    {
        var clock = Stopwatch.StartNew();
        var expected = DistinctUpdates * Repeats;
        var reading = Task.Run(async () =>
        {
            var (acknowledged, awareness) = (0, 0);
            while (acknowledged < expected && await client.ReceiveAsync(TimeSpan.FromSeconds(60)) is { } data)
            {
                var frame = HocuspocusFrame.Read(data);
                acknowledged += frame.Type == HocuspocusMessageType.SyncStatus && frame.Body.ReadVarUint() == 1 ? 1 : 0;
                awareness += frame.Type == HocuspocusMessageType.Awareness ? 1 : 0;
            }
            return new FloodResult(acknowledged, awareness, clock.Elapsed.TotalSeconds);
        });
        for (var update = 0; update < DistinctUpdates; update++)
        {
            var marker = Marker(socket, update);
            var frame = HocuspocusMessages.Update(document, Insert(client.Doc, marker + new string('x', UpdateBytes - marker.Length)));
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                await client.SendAsync(frame);
            }
        }
        return await reading;
    }

    private static async Task FloodWithAwarenessAsync(RawClient client, string document)
    {
        var awareness = new Awareness(client.Doc.ClientId);
        var padding = new string('c', 1000);
        for (var message = 0; message < AwarenessMessages; message++)
        {
            awareness.SetLocalState("{\"user\":{\"name\":\"flood " + message + "\",\"color\":\"" + padding + "\"}}");
            await client.SendAsync(HocuspocusMessages.Awareness(document, awareness.EncodeUpdate()));
        }
    }

    private static byte[] Insert(Doc doc, string text)
    {
        byte[]? update = null;
        void Capture(byte[] u, object? origin, Transaction t) => update = u;
        doc.Update += Capture;
        doc.GetText("t").Insert(doc.GetText("t").Length, text);
        doc.Update -= Capture;
        return update!;
    }
}
