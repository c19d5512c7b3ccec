using System.IO.Compression;
using System.Runtime;
using System.Text.Json;

namespace Docs.Yjs.Bench;

/// <summary>The B4 trace (automerge-paper): single-character patches, delete before insert, one transaction each.</summary>
internal static class B4Trace
{
    public static string PathIn(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "tests", "data", "editing-traces", "automerge-paper.json.gz");

    /// <summary>Reads the patches with a streaming reader (the 16 MB JSON is never held whole), then compacts the heap.</summary>
    public static (List<(int Position, int Delete, string Insert)> Patches, string EndContent) Load(string path)
    {
        byte[] json;
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        using (var buffer = new MemoryStream())
        {
            gzip.CopyTo(buffer);
            json = buffer.ToArray();
        }
        var patches = new List<(int, int, string)>(260_000);
        var endContent = "";
        var reader = new Utf8JsonReader(json);
        var depth = 0;
        var inPatches = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.ValueTextEquals("endContent"):
                    reader.Read();
                    endContent = reader.GetString()!;
                    break;
                case JsonTokenType.PropertyName when reader.ValueTextEquals("patches"):
                    inPatches = true;
                    depth = reader.CurrentDepth;
                    break;
                case JsonTokenType.StartArray when inPatches && reader.CurrentDepth == depth + 1:
                    reader.Read();
                    var position = reader.GetInt32();
                    reader.Read();
                    var delete = reader.GetInt32();
                    reader.Read();
                    var insert = string.Intern(reader.GetString()!);
                    reader.Read();
                    patches.Add((position, delete, insert));
                    break;
                case JsonTokenType.EndArray when inPatches && reader.CurrentDepth == depth:
                    inPatches = false;
                    break;
            }
        }
        json = [];
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return (patches, endContent);
    }
}
