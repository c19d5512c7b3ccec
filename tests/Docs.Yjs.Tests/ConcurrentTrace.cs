using System.IO.Compression;
using System.Text.Json;

namespace Docs.Yjs.Tests;

/// <summary>
/// A concurrent editing trace replayed as tests/interop/replay-trace.mjs replays it with yjs: a document
/// per agent, ancestors delivered before each transaction, everyone synced at the end.
/// </summary>
internal static class ConcurrentTrace
{
    private sealed record Txn(int Agent, int[] Parents, List<(int, int, string)> Patches);

    public static List<Doc> Replay(string name)
    {
        using var gzip = new GZipStream(File.OpenRead(EditingTrace.PathOf(name)), CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var agents = json.RootElement.GetProperty("numAgents").GetInt32();
        var txns = json.RootElement.GetProperty("txns").EnumerateArray().Select(txn => new Txn(
            txn.GetProperty("agent").GetInt32(),
            [.. txn.GetProperty("parents").EnumerateArray().Select(p => p.GetInt32())],
            [.. txn.GetProperty("patches").EnumerateArray().Select(p => (p[0].GetInt32(), p[1].GetInt32(), p[2].GetString()!))])).ToList();

        var docs = Enumerable.Range(0, agents).Select(agent => new Doc((ulong)agent + 1)).ToList();
        var applied = docs.Select(_ => new HashSet<int>()).ToList();
        var updates = new byte[txns.Count][];
        for (var index = 0; index < txns.Count; index++)
        {
            var txn = txns[index];
            var doc = docs[txn.Agent];
            var missing = new List<int>();
            var stack = new Stack<int>(txn.Parents);
            while (stack.TryPop(out var parent))
            {
                if (!applied[txn.Agent].Add(parent))
                {
                    continue;
                }
                missing.Add(parent);
                foreach (var grandparent in txns[parent].Parents)
                {
                    stack.Push(grandparent);
                }
            }
            missing.Sort();
            foreach (var parent in missing)
            {
                doc.ApplyUpdate(updates[parent]);
            }
            var before = doc.EncodeStateVector();
            var text = doc.GetText("text");
            foreach (var patch in txn.Patches)
            {
                EditingTrace.Apply(doc, text, patch);
            }
            updates[index] = doc.EncodeStateAsUpdate(before);
            applied[txn.Agent].Add(index);
        }
        foreach (var from in docs)
        {
            foreach (var to in docs.Where(to => to != from))
            {
                to.ApplyUpdate(from.EncodeStateAsUpdate(to.EncodeStateVector()));
            }
        }
        return docs;
    }
}
