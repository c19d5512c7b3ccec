using System.Text.Json;
using System.Text.Json.Nodes;
using Docs.Testing;

namespace Docs.Content.Tests.Interop;

/// <summary>A document of tests/interop/blocknote-content.mjs: written by BlockNote, with BlockNote's reading of it (null where BlockNote cannot read it).</summary>
public sealed record CorpusDocument(string Name, byte[] Update, string Xml, JsonArray? Blocks);

/// <summary>What BlockNote reads from a document: its XML (as yjs prints it) and its blocks.</summary>
public sealed record BlockNoteReading(string Xml, JsonArray Blocks);

/// <summary>The ground truth of these tests, from @blocknote/server-util under Node.</summary>
public static class BlockNoteCorpus
{
    public const string Script = "blocknote-content.mjs";

    /// <summary>The documents BlockNote can read (every name but <see cref="UnknownNodes"/>).</summary>
    public static readonly TheoryData<string> Readable =
    [
        "every block type", "every inline style", "block colours and alignment", "nesting", "tables", "unicode",
        "one empty paragraph", "empty document", "edited by two peers",
    ];

    /// <summary>A document with a block type, an inline node and a mark outside BlockNote's default schema.</summary>
    public const string UnknownNodes = "unknown nodes";

    private static readonly Lazy<Dictionary<string, CorpusDocument>> Documents = new(Load);

    public static CorpusDocument Get(string name) => Documents.Value[name];

    /// <summary>BlockNote's reading of each update, in one Node run.</summary>
    public static IReadOnlyList<BlockNoteReading> ReadWithBlockNote(params byte[][] updates)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, JsonSerializer.Serialize(updates.Select(Convert.ToBase64String)));
            var readings = JsonNode.Parse(NodeInterop.RunScript(Script, "read", file))!.AsArray();
            return readings.Select(r => new BlockNoteReading(r!["xml"]!.GetValue<string>(), r["blocks"]!.AsArray())).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>BlockNote's import of each Markdown text (its <c>tryParseMarkdownToBlocks</c>), in one Node run.</summary>
    public static IReadOnlyList<JsonArray> ParseMarkdownWithBlockNote(params string[] texts)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, JsonSerializer.Serialize(texts));
            return JsonNode.Parse(NodeInterop.RunScript(Script, "markdown", file))!.AsArray().Select(blocks => blocks!.AsArray()).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Dictionary<string, CorpusDocument> Load() =>
        JsonNode.Parse(NodeInterop.RunScript(Script, "corpus"))!.AsArray().Select(d => new CorpusDocument(
            d!["name"]!.GetValue<string>(),
            Convert.FromBase64String(d["update"]!.GetValue<string>()),
            d["xml"]!.GetValue<string>(),
            d["blocks"]?.AsArray())).ToDictionary(d => d.Name);
}
