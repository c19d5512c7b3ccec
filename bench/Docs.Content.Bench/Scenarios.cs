using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Docs.Content.Blocks;
using Docs.Content.Docx;
using Docs.Content.Html;
using Docs.Content.Json;
using Docs.Content.Markdown;
using Docs.Content.Yjs;

namespace Docs.Content.Bench;

/// <summary>
/// One conversion of the benchmark document, timed in this process: once cold (JIT included), then
/// <c>repeat</c> times warm; the same JSON as bench/content/blocknote.mjs prints.
/// </summary>
internal static class Scenarios
{
    private static readonly Dictionary<string, Func<byte[], IReadOnlyList<Block>?, int>> Conversions = new()
    {
        // Decoding the state alone (Docs.Yjs), which every conversion starts with.
        ["load"] = (update, _) => Load(update).Store.GetStateVector().Count,
        ["blocks"] = (update, _) => BlockJsonWriter.ToJson(BlockNoteYjs.Read(update)).Length,
        ["markdown"] = (update, _) => MarkdownExporter.ToMarkdown(BlockNoteYjs.Read(update)).Length,
        ["html"] = (update, _) => HtmlExporter.ToHtml(BlockNoteYjs.Read(update)).Length,
        ["docx"] = (update, _) => DocxExporter.ToDocx(BlockNoteYjs.Read(update), "Benchmark").Length,
        ["write"] = (_, blocks) => BlockNoteYjs.Write(blocks!).Length,
        // The input is Markdown text here (the document exported once by Docs.Content).
        ["import"] = (markdown, _) => BlockNoteYjs.Write(MarkdownImporter.ToBlocks(System.Text.Encoding.UTF8.GetString(markdown))).Length,
    };

    public static IEnumerable<string> Names => Conversions.Keys;

    private static Docs.Yjs.Doc Load(byte[] update)
    {
        var doc = new Docs.Yjs.Doc();
        doc.ApplyUpdate(update);
        return doc;
    }

    public static int Run(string scenario, string file, int repeat)
    {
        var update = File.ReadAllBytes(scenario == "import" ? Path.ChangeExtension(file, ".md") : file);
        // Writing starts from blocks: they are read once, before timing, as the BlockNote side does.
        var blocks = scenario == "write" ? BlockNoteYjs.Read(update) : null;
        var times = new List<double>();
        var length = 0;
        for (var i = 0; i <= repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            length = Conversions[scenario](update, blocks);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var warm = times.Skip(1).Order().ToList();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["cold_ms"] = times[0],
            ["warm_ms"] = warm.Count > 0 ? warm[warm.Count / 2] : times[0],
            ["peak_rss_bytes"] = PeakRss(),
            ["output_length"] = length,
        }));
        return 0;
    }

    /// <summary>The process's high-water mark of resident memory (VmHWM), runtime included.</summary>
    private static long PeakRss()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
