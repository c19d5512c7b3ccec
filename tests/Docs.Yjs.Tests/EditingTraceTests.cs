using Docs.Testing;
using System.Security.Cryptography;
using System.Text.Json;
using Docs.Yjs.Tests.Interop;

namespace Docs.Yjs.Tests;

public sealed class EditingTraceTests
{
    /// <summary>
    /// The spec's golden test: yjs 13.6.33 (and yrs) encode the automerge-paper replay with client id
    /// 1234567 as exactly these 267,226 bytes.
    /// </summary>
    [Fact]
    public void Automerge_paper_replay_encodes_byte_identical_to_yjs()
    {
        var trace = EditingTrace.Load("automerge-paper");
        var doc = new Doc(1234567);

        trace.ReplayInto(doc);

        Assert.Equal(trace.EndContent, doc.GetText("text").ToString());
        var state = doc.EncodeStateAsUpdate();
        Assert.Equal(267_226, state.Length);
        Assert.Equal("f21fd42b4fde5c2fd8925581654913a29381de9787221eb0b0b66b1ec3a0aa22", Convert.ToHexString(SHA256.HashData(state)).ToLowerInvariant());
        Assert.Equal("0187ad4bab900b", Hex.Of(doc.EncodeStateVector()));

        var decoded = new Doc(1);
        decoded.ApplyUpdate(state);
        Assert.Equal(trace.EndContent, decoded.GetText("text").ToString());
        Assert.Equal(Hex.Of(state), Hex.Of(decoded.EncodeStateAsUpdate()));
    }

    [Theory]
    [InlineData("seph-blog1")]
    [InlineData("rustcode")]
    [InlineData("sveltecomponent")]
    [InlineData("friendsforever_flat")]
    public void Sequential_traces_replay_to_their_end_content(string name)
    {
        var trace = EditingTrace.Load(name);
        var doc = new Doc(42);
        var updates = new List<byte[]>();
        doc.Update += (update, _, _) => updates.Add(update);

        trace.ReplayInto(doc);

        Assert.Equal(trace.EndContent, doc.GetText("text").ToString());
        // Every incremental update, applied elsewhere, rebuilds the same document.
        var replica = new Doc(43);
        foreach (var update in updates)
        {
            replica.ApplyUpdate(update);
        }
        Assert.Equal(Hex.Of(doc.EncodeStateAsUpdate()), Hex.Of(replica.EncodeStateAsUpdate()));
    }

    [Theory]
    [InlineData("rustcode")]
    [InlineData("sveltecomponent")]
    [InlineData("friendsforever_flat")]
    public void Sequential_traces_encode_as_yjs_encodes_them(string name)
    {
        using var expected = JsonDocument.Parse(NodeInterop.RunScript("replay-trace.mjs", EditingTrace.PathOf(name)));
        var doc = new Doc(1);

        EditingTrace.Load(name).ReplayInto(doc);

        Assert.Equal(expected.RootElement.GetProperty("texts")[0].GetString(), doc.GetText("text").ToString());
        Assert.True(expected.RootElement.GetProperty("states")[0].GetString() == Hex.Of(doc.EncodeStateAsUpdate()), "state differs from yjs's");
    }

    [Theory]
    [InlineData("concurrent-friendsforever")]
    [InlineData("concurrent-clownschool")]
    public void Concurrent_traces_converge_exactly_as_yjs_does(string name)
    {
        using var expected = JsonDocument.Parse(NodeInterop.RunScript("replay-trace.mjs", EditingTrace.PathOf(name)));

        var docs = ConcurrentTrace.Replay(name);

        var texts = expected.RootElement.GetProperty("texts").EnumerateArray().Select(t => t.GetString()).ToList();
        var states = expected.RootElement.GetProperty("states").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Equal(texts.Count, docs.Count);
        for (var i = 0; i < docs.Count; i++)
        {
            Assert.Equal(texts[i], docs[i].GetText("text").ToString());
            Assert.True(states[i] == Hex.Of(docs[i].EncodeStateAsUpdate()), $"state of agent {i} differs from yjs's");
        }
    }
}
