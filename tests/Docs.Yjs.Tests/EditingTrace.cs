using System.IO.Compression;
using System.Text.Json;

namespace Docs.Yjs.Tests;

/// <summary>A sequential editing trace of josephg/editing-traces: patches of (position, delete count, inserted text).</summary>
internal sealed record EditingTrace(string EndContent, IReadOnlyList<(int Position, int Delete, string Insert)> Patches)
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "data", "editing-traces", name + ".json.gz");

    public static EditingTrace Load(string name)
    {
        using var gzip = new GZipStream(File.OpenRead(PathOf(name)), CompressionMode.Decompress);
        using var json = JsonDocument.Parse(gzip);
        var patches = new List<(int, int, string)>();
        foreach (var txn in json.RootElement.GetProperty("txns").EnumerateArray())
        {
            foreach (var patch in txn.GetProperty("patches").EnumerateArray())
            {
                patches.Add((patch[0].GetInt32(), patch[1].GetInt32(), patch[2].GetString()!));
            }
        }
        return new EditingTrace(json.RootElement.GetProperty("endContent").GetString()!, patches);
    }

    /// <summary>One transaction per patch, delete first, as the B4 benchmark replays it.</summary>
    public void ReplayInto(Doc doc, string textName = "text")
    {
        var text = doc.GetText(textName);
        foreach (var patch in Patches)
        {
            Apply(doc, text, patch);
        }
    }

    public static void Apply(Doc doc, Types.YText text, (int Position, int Delete, string Insert) patch) =>
        doc.Transact(_ =>
        {
            if (patch.Delete > 0)
            {
                text.Delete(patch.Position, patch.Delete);
            }
            if (patch.Insert.Length > 0)
            {
                text.Insert(patch.Position, patch.Insert);
            }
        });
}
