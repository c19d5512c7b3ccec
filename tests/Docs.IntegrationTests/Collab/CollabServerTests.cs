using Docs.Core.Collaboration;
using Docs.Yjs.Encoding;
using Docs.Yjs.Protocols;

namespace Docs.IntegrationTests.Collab;

/// <summary>Docs.Collab at the byte level: hostile frames, tickets, read-only, crash recovery, two instances.</summary>
[Collection(StackCollection.Name)]
public sealed class CollabServerTests(StackFixture stack)
{
    public static TheoryData<string> HostileFrames => ["random", "truncated", "huge-length", "unknown-type", "bad-update"];

    [Theory]
    [MemberData(nameof(HostileFrames))]
    public async Task A_hostile_frame_closes_that_socket_with_4401_and_others_carry_on(string kind)
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Target");
        var name = id.ToString();
        await using var good = await stack.OpenForWritingAsync(owner, id);

        await using var hostile = await RawClient.ConnectAsync(stack.SocketUrl());
        if (kind == "bad-update")
        {
            Assert.Equal("read-write", await hostile.OpenAsync(name, await owner.TicketAsync(id)));
        }
        var random = new Random(kind.Length);
        byte[] frame = kind switch
        {
            "random" => [.. Enumerable.Range(0, 64).Select(_ => (byte)random.Next(256))],
            "truncated" => HocuspocusMessages.Update(name, new byte[50])[..20],
            "huge-length" => [0xff, 0xff, 0xff, 0xff, 0x07, 0x41],
            "unknown-type" => Frame(name, 99),
            _ => HocuspocusMessages.Update(name, [0x05, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]),
        };
        await hostile.SendAsync(frame);

        Assert.Null(await hostile.WaitForAsync(_ => false, TimeSpan.FromSeconds(5)));
        Assert.Equal(4401, (int)hostile.CloseStatus!);
        // The other client, on the same document, carries on.
        Assert.True(await good.TypeAsync(name, "still here"));
    }

    [Fact]
    public async Task Forged_expired_or_mismatched_tickets_are_denied_and_frames_without_auth_wait()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Guarded");
        var other = await owner.CreateAsync("Other");
        var name = id.ToString();
        var secret = stack.App.Parameter("collaboration-secret");
        var expired = new CollaborationTicket(secret, new ShiftedTime(TimeSpan.FromMinutes(-5))).Issue(id, owner.Id, null, canWrite: true);
        var forged = new CollaborationTicket(new string('k', 48), TimeProvider.System).Issue(id, owner.Id, null, canWrite: true);

        await using var client = await RawClient.ConnectAsync(stack.SocketUrl());
        // A sync frame before any ticket waits; nothing is answered for it.
        await client.SendAsync(HocuspocusMessages.SyncStep1(name, client.Doc.EncodeStateVector()));
        foreach (var ticket in new[] { expired, forged, "not-a-ticket", await owner.TicketAsync(other) })
        {
            Assert.Null(await client.OpenAsync(name, ticket));
            Assert.Equal("permission-denied", client.LastAuthReason);
        }
        // The socket is still usable: a good ticket opens the document.
        Assert.Equal("read-write", await client.OpenAsync(name, await owner.TicketAsync(id)));
        Assert.True(await client.TypeAsync(name, "hello"));
    }

    [Fact]
    public async Task A_reader_is_readonly_its_updates_refused_with_sync_status_0_and_never_stored()
    {
        var owner = await stack.NewPersonAsync();
        var reader = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Read me");
        await owner.GrantAsync(id, reader, "reader");
        var name = id.ToString();
        await using var writer = await stack.OpenForWritingAsync(owner, id);
        await using var readonlyClient = await RawClient.ConnectAsync(stack.SocketUrl());
        Assert.Equal("readonly", await readonlyClient.OpenAsync(name, await reader.TicketAsync(id)));

        Assert.False(await readonlyClient.TypeAsync(name, "sneaky"));
        Assert.True(await writer.TypeAsync(name, "legit"));

        Assert.Equal("legit", (await stack.StoredDocAsync(id)).GetText("t").ToString());
    }

    [Fact]
    public async Task Clients_on_two_instances_converge_through_redis()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Spread");
        var name = id.ToString();
        await using var one = await stack.OpenForWritingAsync(owner, id);
        await using var two = await stack.OpenForWritingAsync(owner, id, "collab-2");

        Assert.True(await one.TypeAsync(name, "from one;"));
        await two.WaitForAsync(_ => two.Doc.GetText("t").ToString().Contains("from one;", StringComparison.Ordinal));
        Assert.True(await two.TypeAsync(name, "from two;"));
        await one.WaitForAsync(_ => one.Doc.GetText("t").ToString().Contains("from two;", StringComparison.Ordinal));

        Assert.Equal(one.Doc.GetText("t").ToString(), two.Doc.GetText("t").ToString());
        Assert.Equal(one.Doc.GetText("t").ToString(), (await stack.StoredDocAsync(id)).GetText("t").ToString());
    }

    [Fact]
    public async Task An_update_that_brings_nothing_new_is_acknowledged_but_neither_relayed_nor_logged()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Nothing new");
        var name = id.ToString();
        await using var one = await stack.OpenForWritingAsync(owner, id);
        await using var two = await stack.OpenForWritingAsync(owner, id);
        Assert.True(await one.TypeAsync(name, "known;"));
        await two.WaitForAsync(_ => two.Doc.GetText("t").ToString() == "known;");
        var logged = await stack.LoggedUpdatesAsync(id);

        // What a reconnecting client sends: its whole state, which the server already has.
        await two.SendAsync(HocuspocusMessages.Update(name, two.Doc.EncodeStateAsUpdate()));
        var status = await two.WaitForAsync(f => f.Type == HocuspocusMessageType.SyncStatus);
        Assert.Equal(1UL, status!.Body.ReadVarUint());
        Assert.True(await two.TypeAsync(name, "new;"));

        // The first update one receives is the new text: the redundant one was not relayed.
        var first = await one.WaitForAsync(f => f.Type == HocuspocusMessageType.Sync);
        var writers = Docs.Yjs.Updates.YUpdate.ParseMeta(SyncMessage.Read(first!.Body).Payload).From.Keys;
        Assert.Equal([two.Doc.ClientId], writers);
        Assert.Equal("known;new;", one.Doc.GetText("t").ToString());
        Assert.Equal(logged + 1, await stack.LoggedUpdatesAsync(id));
    }

    [Fact]
    public async Task A_change_reaches_the_other_clients_but_is_not_echoed_to_its_sender()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("No echo");
        var name = id.ToString();
        await using var one = await stack.OpenForWritingAsync(owner, id);
        await using var two = await stack.OpenForWritingAsync(owner, id);

        var cursor = new Docs.Yjs.Protocols.Awareness(one.Doc.ClientId);
        cursor.SetLocalState("""{"user":{"name":"one"}}""");
        await one.SendAsync(HocuspocusMessages.Awareness(name, cursor.EncodeUpdate()));
        byte[]? update = null;
        one.Doc.Update += (u, _, _) => update = u;
        one.Doc.GetText("t").Insert(0, "mine");
        await one.SendAsync(HocuspocusMessages.Update(name, update!));

        // The other client gets both; the sender's next frame is the acknowledgement. An echo of either change
        // would have been queued on its socket before it: the relay happens as each arrives, the ack after the commit.
        await two.WaitForAsync(f => f.Type == HocuspocusMessageType.Awareness);
        await two.WaitForAsync(_ => two.Doc.GetText("t").ToString() == "mine");
        var next = await one.WaitForAsync(_ => true);
        Assert.Equal(HocuspocusMessageType.SyncStatus, next!.Type);
        Assert.Equal(1UL, next.Body.ReadVarUint());
    }

    [Fact]
    public async Task A_client_that_stops_reading_does_not_hold_up_the_others()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Stops reading");
        var name = id.ToString();
        await using var writer = await stack.OpenForWritingAsync(owner, id);
        await using var reader = await stack.OpenForWritingAsync(owner, id);
        await using var stalled = await stack.OpenForWritingAsync(owner, id);

        // 'stalled' reads nothing from now on: once the kernel's buffers towards it are full (a few MB on loopback),
        // writes to it must wait aside, not on the thread that relays the writer's updates to everyone else.
        var chunk = new string('x', 64 * 1024);
        for (var i = 0; i < 200; i++)
        {
            Assert.True(await writer.TypeAsync(name, chunk));
        }
        await reader.WaitForAsync(_ => reader.Doc.GetText("t").Length == 200 * chunk.Length, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task In_a_crowded_document_updates_arriving_while_a_broadcast_is_written_go_out_merged()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Crowded");
        var name = id.ToString();
        // More connections than a broadcast writes on the receiving thread (64): the writing is shared out.
        var clients = new List<RawClient>();
        try
        {
            // Two people, as one person's connections to a document are budgeted (MaxConnectionsPerPerson, 50).
            var editor = await stack.NewPersonAsync();
            await owner.GrantAsync(id, editor, "editor");
            for (var i = 0; i < 80; i++)
            {
                clients.Add(await stack.OpenForWritingAsync(i % 2 == 0 ? owner : editor, id));
            }
            var (writer, reader) = (clients[0], clients[^1]);

            // Twenty edits in one burst: they arrive while the first ones are still being written to everyone.
            // 16 KiB each, so that writing one to 79 sockets takes far longer than applying the next.
            var updates = new List<byte[]>();
            writer.Doc.Update += (u, _, _) => updates.Add(u);
            for (var i = 0; i < 20; i++)
            {
                writer.Doc.GetText("t").Insert(writer.Doc.GetText("t").Length, new string((char)('a' + i), 16 * 1024));
            }
            foreach (var update in updates)
            {
                await writer.SendAsync(HocuspocusMessages.Update(name, update));
            }

            var expected = writer.Doc.GetText("t").ToString();
            var frames = 0;
            await reader.WaitForAsync(f =>
            {
                frames += f.Type == HocuspocusMessageType.Sync ? 1 : 0;
                return reader.Doc.GetText("t").ToString() == expected;
            });
            Assert.InRange(frames, 1, updates.Count - 1);
            // Stored is what is acknowledged: a broadcast may go out before its update is durable.
            var acknowledged = 0;
            await writer.WaitForAsync(f => f.Type == HocuspocusMessageType.SyncStatus && f.DocumentName == name && ++acknowledged == updates.Count);
            Assert.Equal(expected, (await stack.StoredDocAsync(id)).GetText("t").ToString());
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_update_log_opens_a_new_connection_when_PostgreSQL_drops_its_own()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Dropped log connection");
        var name = id.ToString();
        await using var one = await stack.OpenForWritingAsync(owner, id);
        Assert.True(await one.TypeAsync(name, "before;"));

        // The log keeps one connection with its statement prepared: end it from the server side, as a restart or a proxy would.
        await using (var connection = new Npgsql.NpgsqlConnection(stack.App.GetConnectionString("docsdb")))
        {
            await connection.OpenAsync();
            await using var terminate = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO document_updates%' AND pid <> pg_backend_pid()) AS t",
                connection);
            Assert.True((long)(await terminate.ExecuteScalarAsync())! >= 1);
        }

        Assert.True(await one.TypeAsync(name, "after;"));
        Assert.Equal("before;after;", (await stack.StoredDocAsync(id)).GetText("t").ToString());
    }

    [Fact]
    public async Task A_document_on_one_instance_publishes_nothing_until_a_second_instance_joins_and_gets_its_cursors()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Alone, then shared");
        var name = id.ToString();
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(stack.App.GetConnectionString("redis"));
        var published = new System.Collections.Concurrent.ConcurrentQueue<byte>(); // the kind of each message on the document's channel
        await redis.GetSubscriber().SubscribeAsync(StackExchange.Redis.RedisChannel.Literal($"docs:collab:doc:{id:N}"),
            (_, message) => published.Enqueue(((byte[])message!)[16]));
        const byte update = 0, awareness = 1, join = 2, welcome = 3;

        await using var one = await stack.OpenForWritingAsync(owner, id);
        var cursor = new Docs.Yjs.Protocols.Awareness(one.Doc.ClientId);
        cursor.SetLocalState("{}"); // as y-protocols' constructor does: the state a peer takes has clock 1 or more
        cursor.SetLocalState("""{"user":{"name":"one"}}""");
        await one.SendAsync(HocuspocusMessages.Awareness(name, cursor.EncodeUpdate()));
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await one.TypeAsync(name, $"alone {i};"));
        }
        await SeenAsync(published, join); // the test's subscriber reads Redis on its own connection: it may lag
        Assert.Equal([join], published.ToArray()); // the first instance announced itself, and then published nothing

        // The second instance joins: it is welcomed, and receives the first one's cursors without anyone moving.
        await using var two = await stack.OpenForWritingAsync(owner, id, "collab-2");
        Assert.Contains("alone 4;", two.Doc.GetText("t").ToString(), StringComparison.Ordinal);
        var seen = new Docs.Yjs.Protocols.Awareness(two.Doc.ClientId);
        bool ShowsOnesCursor(HocuspocusFrame frame)
        {
            if (frame.Type != HocuspocusMessageType.Awareness)
            {
                return false;
            }
            seen.ApplyUpdate(frame.Body.ReadVarBytes(), origin: null);
            return seen.States.ContainsKey(one.Doc.ClientId);
        }
        // Answered with the states known now; states learned later are relayed to the open connection.
        await two.SendAsync(HocuspocusMessages.QueryAwareness(name));
        Assert.NotNull(await two.WaitForAsync(ShowsOnesCursor));
        await SeenAsync(published, welcome);

        // From now on the first instance publishes its changes.
        Assert.True(await one.TypeAsync(name, "shared;"));
        await two.WaitForAsync(_ => two.Doc.GetText("t").ToString().Contains("shared;", StringComparison.Ordinal));
        await SeenAsync(published, update);
        await SeenAsync(published, awareness);
    }

    private static async Task SeenAsync(System.Collections.Concurrent.ConcurrentQueue<byte> published, byte kind)
    {
        for (var wait = 0; wait < 100 && !published.Contains(kind); wait++)
        {
            await Task.Delay(50);
        }
        Assert.Contains(kind, published);
    }

    [Fact]
    public async Task Kill_9_during_editing_loses_no_acknowledged_update_and_clients_reconverge()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Crash");
        var name = id.ToString();
        var acknowledged = new List<string>();
        await using (var client = await stack.OpenForWritingAsync(owner, id))
        {
            for (var i = 0; i < 30; i++)
            {
                if (await client.TypeAsync(name, $"[{i}]"))
                {
                    acknowledged.Add($"[{i}]");
                }
            }
            await stack.App.RestartResourceAsync("collab", kill: true);
        }
        Assert.Equal(30, acknowledged.Count);

        var stored = (await stack.StoredDocAsync(id)).GetText("t").ToString();
        Assert.All(acknowledged, piece => Assert.Contains(piece, stored));

        // A client reconnecting to the restarted server gets everything back.
        await using var again = await stack.OpenForWritingAsync(owner, id);
        Assert.Equal(stored, again.Doc.GetText("t").ToString());
    }

    [Fact]
    public async Task An_idle_document_folds_its_log_into_the_snapshot_and_keeps_a_version()
    {
        var owner = await stack.NewPersonAsync();
        var id = await owner.CreateAsync("Folded");
        var name = id.ToString();
        await using (var client = await stack.OpenForWritingAsync(owner, id))
        {
            Assert.True(await client.TypeAsync(name, "one "));
            Assert.True(await client.TypeAsync(name, "two"));
        }

        await using var connection = new Npgsql.NpgsqlConnection(stack.App.GetConnectionString("docsdb"));
        await connection.OpenAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long logged;
        do
        {
            await Task.Delay(250);
            logged = await stack.LoggedUpdatesAsync(id);
        }
        while (logged > 0 && DateTime.UtcNow < deadline);
        Assert.True(logged == 0, string.Join('\n', stack.App.Logs.Of("collab").TakeLast(30)));

        await using var snapshot = new Npgsql.NpgsqlCommand("SELECT content FROM documents WHERE id = $1", connection) { Parameters = { new() { Value = id } } };
        var doc = new Docs.Yjs.Doc();
        doc.ApplyUpdate((byte[])(await snapshot.ExecuteScalarAsync())!);
        Assert.Equal("one two", doc.GetText("t").ToString());
        await using var versions = new Npgsql.NpgsqlCommand("SELECT count(*) FROM document_versions WHERE document_id = $1", connection) { Parameters = { new() { Value = id } } };
        Assert.Equal(1L, (long)(await versions.ExecuteScalarAsync())!);
        // The content API now reads the folded state.
        var content = await owner.GetAsync($"/api/v1.0/documents/{id}/content/");
        var fromApi = new Docs.Yjs.Doc();
        fromApi.ApplyUpdate(Convert.FromBase64String(content.GetProperty("content").GetString()!));
        Assert.Equal("one two", fromApi.GetText("t").ToString());
    }

    [Fact]
    public async Task A_disallowed_browser_origin_is_closed_with_4403()
    {
        await using var client = await RawClient.ConnectAsync(stack.SocketUrl(), origin: "https://evil.example");
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(4403, (int)client.CloseStatus!);
    }

    private static byte[] Frame(string name, ulong type)
    {
        var writer = new Lib0Writer();
        writer.WriteString(name);
        writer.WriteVarUint(type);
        return writer.ToArray();
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }

}
