using Docs.Yjs.Encoding;
using Docs.Yjs.Protocols;
using Microsoft.Extensions.Time.Testing;

namespace Docs.Yjs.Tests;

/// <summary>y-protocols, y-websocket and Hocuspocus messages against the vectors captured from the real packages.</summary>
public sealed class ProtocolTests
{
    private static Doc AbcDoc()
    {
        var doc = new Doc(1);
        doc.GetText("t").Insert(0, "abc");
        return doc;
    }

    [Fact]
    public void Y_websocket_frames_match_the_vectors()
    {
        var doc = AbcDoc();

        Assert.Equal("0000030101 03".Replace(" ", "", StringComparison.Ordinal), Hex.Of(YWebsocketMessages.SyncStep1(doc)));
        Assert.Equal(Hex.Of(Hex.Parse("00 01 0d 01 01 01 00 04 01 01 74 03 61 62 63 00")), Hex.Of(YWebsocketMessages.SyncStep2(doc.EncodeStateAsUpdate())));
        Assert.Equal(Hex.Of(Hex.Parse("02 00 04 6e 6f 70 65")), Hex.Of(YWebsocketMessages.PermissionDenied("nope")));
        Assert.Equal("03", Hex.Of(YWebsocketMessages.QueryAwareness()));
    }

    [Fact]
    public void Sync_step1_is_answered_with_step2_and_updates_are_applied()
    {
        var server = AbcDoc();
        var client = new Doc(2);
        var step1 = new Lib0Writer();
        SyncProtocol.WriteStep1(step1, client);

        var reply = new Lib0Writer();
        var read = SyncProtocol.ReadAndApply(new Lib0Reader(step1.ToArray()), reply, server, origin: null);
        SyncProtocol.ReadAndApply(new Lib0Reader(reply.ToArray()), new Lib0Writer(), client, origin: "server");

        Assert.Equal(SyncMessageType.Step1, read.Type);
        Assert.Equal("abc", client.GetText("t").ToString());
        Assert.Throws<YjsDecodingException>(() => SyncMessage.Read(new Lib0Reader([0x07, 0x00])));
    }

    [Fact]
    public void Hocuspocus_frames_match_the_vectors()
    {
        Assert.Equal(Hex.Of(Hex.Parse("03 64 6f 63 02 00 03 74 6f 6b 05 34 2e 35 2e 30")), Hex.Of(HocuspocusMessages.Token("doc", "tok", "4.5.0")));
        Assert.Equal(Hex.Of(Hex.Parse("03 64 6f 63 02 02 0a 72 65 61 64 2d 77 72 69 74 65")), Hex.Of(HocuspocusMessages.Authenticated("doc", "read-write")));
        Assert.Equal(Hex.Of(Hex.Parse("03 64 6f 63 02 02 08 72 65 61 64 6f 6e 6c 79")), Hex.Of(HocuspocusMessages.Authenticated("doc", "readonly")));
        Assert.Equal(Hex.Of(Hex.Parse("03 64 6f 63 02 01 11 70 65 72 6d 69 73 73 69 6f 6e 2d 64 65 6e 69 65 64")), Hex.Of(HocuspocusMessages.PermissionDenied("doc")));
        Assert.Equal(Hex.Of(Hex.Parse("03 64 6f 63 00 00 03 01 01 03")), Hex.Of(HocuspocusMessages.SyncStep1("doc", AbcDoc().EncodeStateVector())));
        Assert.Equal(Hex.Of(Hex.Parse("03 64 6f 63 08 01")), Hex.Of(HocuspocusMessages.SyncStatus("doc", applied: true)));
        Assert.Equal(Hex.Of(Hex.Parse("03 64 6f 63 05 07 7b 22 61 22 3a 31 7d")), Hex.Of(HocuspocusMessages.Stateless("doc", "{\"a\":1}")));
        Assert.Equal(Hex.Of(Hex.Parse("03 64 6f 63 07 03 62 79 65")), Hex.Of(HocuspocusMessages.Close("doc", "bye")));
        Assert.Equal(Hex.Of(Hex.Parse("03 64 6f 63 03")), Hex.Of(HocuspocusMessages.QueryAwareness("doc")));
        Assert.Equal("09", Hex.Of(HocuspocusMessages.Ping()));
        Assert.Equal(HocuspocusMessageType.BroadcastStateless, HocuspocusFrame.Read(HocuspocusMessages.BroadcastStateless("doc", "{}")).Type);
    }

    [Fact]
    public void Hocuspocus_frames_are_read_with_their_session_keys()
    {
        var frame = HocuspocusFrame.Read(Hex.Parse("0a 64 6f 63 00 61 62 63 31 32 33 03"));
        Assert.Equal(HocuspocusMessageType.QueryAwareness, frame.Type);
        Assert.Equal(("doc", "abc123"), frame.SplitName());

        var token = HocuspocusFrame.Read(HocuspocusMessages.Token("doc", "tok", "4.5.0"));
        var body = token.Body;
        Assert.Equal((ulong)HocuspocusAuthType.Token, body.ReadVarUint());
        Assert.Equal("tok", body.ReadString());
        Assert.Equal("4.5.0", body.ReadString());

        Assert.Equal(HocuspocusMessageType.Pong, HocuspocusFrame.Read([0x0a]).Type);
        Assert.Throws<YjsDecodingException>(() => HocuspocusFrame.Read(Hex.Parse("03 64 6f 63 63")));
        Assert.Throws<YjsDecodingException>(() => HocuspocusFrame.Read(Hex.Parse("ff ff ff ff 07")));
    }

    [Fact]
    public void Awareness_updates_match_the_vectors_and_follow_the_clock_rules()
    {
        var time = new FakeTimeProvider();
        var local = new Awareness(1, time);
        local.SetLocalState("{}");
        local.SetLocalState("{\"user\":{\"name\":\"A\"}}");
        Assert.Equal(Hex.Of(Hex.Parse("01 01 01 15 7b 22 75 73 65 72 22 3a 7b 22 6e 61 6d 65 22 3a 22 41 22 7d 7d")), Hex.Of(local.EncodeUpdate([1])));
        local.SetLocalState(null);
        Assert.Equal(Hex.Of(Hex.Parse("01 01 02 04 6e 75 6c 6c")), Hex.Of(local.EncodeUpdate([1])));

        var remote = new Awareness(9, time);
        var change = remote.ApplyUpdate(Hex.Parse("01 01 01 15 7b 22 75 73 65 72 22 3a 7b 22 6e 61 6d 65 22 3a 22 41 22 7d 7d"), "peer");
        Assert.Equal([1UL], change.Added);
        // An older clock is ignored; a null at the same clock removes.
        Assert.True(remote.ApplyUpdate(Hex.Parse("01 01 00 02 7b 7d"), "peer").IsEmpty);
        Assert.Equal([1UL], remote.ApplyUpdate(Hex.Parse("01 01 01 04 6e 75 6c 6c"), "peer").Removed);

        // A peer nulling our own state makes us bump our clock instead of disappearing.
        var self = new Awareness(5, time);
        self.SetLocalState("{\"x\":1}");
        self.ApplyUpdate(Hex.Parse("01 05 01 04 6e 75 6c 6c"), "peer");
        Assert.NotNull(self.LocalState);
        Assert.Equal(2, self.ClockOf(5));

        // Silent peers are dropped after 30 seconds.
        remote.ApplyUpdate(Hex.Parse("01 02 01 02 7b 7d"), "peer");
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal([2UL], remote.CheckOutdated().Removed);

        Assert.Throws<YjsDecodingException>(() => remote.ApplyUpdate(Hex.Parse("01 03 01 03 7b 7b 7b"), "peer"));
    }
}
