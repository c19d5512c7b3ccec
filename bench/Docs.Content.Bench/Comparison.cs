using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Docs.Content.Bench;

/// <summary>Builds the document with BlockNote, then runs every scenario with Docs.Content and with BlockNote, each in its own process.</summary>
internal static class Comparison
{
    private static readonly Dictionary<string, string> Titles = new()
    {
        ["load"] = "Yjs update → document (decode only)",
        ["blocks"] = "Yjs → blocks (JSON)",
        ["markdown"] = "Yjs → Markdown",
        ["html"] = "Yjs → HTML",
        ["docx"] = "Yjs → DOCX",
        ["write"] = "blocks → Yjs",
        ["import"] = "Markdown → Yjs",
    };

    /// <summary>Scenarios @blocknote/server-util has no counterpart for.</summary>
    private static readonly HashSet<string> OursOnly = ["docx"];

    public static int Run(string root, int repeat)
    {
        var peer = Path.Combine(root, "bench", "content");
        var document = Path.Combine(root, "bench", ".out", "content-document.bin");
        Directory.CreateDirectory(Path.GetDirectoryName(document)!);
        var trace = Path.Combine(root, "tests", "data", "editing-traces", "automerge-paper.json.gz");
        Execute("node", ["blocknote.mjs", "make", trace, document], peer);
        // The Markdown both sides import: this document, as Docs.Content exports it.
        File.WriteAllText(Path.ChangeExtension(document, ".md"), Docs.Content.Markdown.MarkdownExporter.ToMarkdown(Docs.Content.Yjs.BlockNoteYjs.Read(File.ReadAllBytes(document))));
        var self = typeof(Comparison).Assembly.Location;
        Console.WriteLine($"Docs.Content vs @blocknote/server-util 0.47.2 (Node {Execute("node", ["--version"], root).Trim()}), {Environment.ProcessorCount} cores, "
            + $"10,000 blocks from {Path.GetFileName(trace)}, {new FileInfo(document).Length:N0} B of Yjs, {new FileInfo(Path.ChangeExtension(document, ".md")).Length:N0} B of Markdown; median of {repeat} warm runs after a cold one");
        Console.WriteLine();
        Console.WriteLine("| conversion | Docs.Content cold / warm | BlockNote cold / warm | warm ratio | Docs.Content peak RSS | BlockNote peak RSS | memory ratio |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var scenario in Scenarios.Names)
        {
            var mine = Measure("dotnet", ["exec", self, "scenario", scenario, document, repeat.ToString(CultureInfo.InvariantCulture)], root);
            JsonElement? theirs = OursOnly.Contains(scenario) ? null
                : Measure("node", ["blocknote.mjs", "run", scenario, document, repeat.ToString(CultureInfo.InvariantCulture)], peer);
            Console.WriteLine($"| {Titles[scenario]} | {Times(mine)} | {(theirs is { } t ? Times(t) : "no exporter")} | {Ratio(mine, theirs, "warm_ms")} "
                + $"| {Memory(mine)} | {(theirs is { } m ? Memory(m) : "-")} | {Ratio(mine, theirs, "peak_rss_bytes")} |");
        }
        Console.WriteLine();
        Console.WriteLine("ratio = BlockNote / Docs.Content (above 1: Docs.Content is faster or smaller). Peak RSS is the whole process (runtime included).");
        return 0;
    }

    private static string Times(JsonElement result) => $"{Ms(result, "cold_ms")} / {Ms(result, "warm_ms")}";

    private static string Ms(JsonElement result, string field)
    {
        var ms = result.GetProperty(field).GetDouble();
        return ms >= 1000 ? $"{ms / 1000:0.00} s" : $"{ms:0.0} ms";
    }

    private static string Memory(JsonElement result) => $"{result.GetProperty("peak_rss_bytes").GetDouble() / (1024 * 1024):0} MB";

    private static string Ratio(JsonElement mine, JsonElement? theirs, string field) =>
        theirs is { } t ? $"{t.GetProperty(field).GetDouble() / mine.GetProperty(field).GetDouble():0.0}x" : "-";

    private static JsonElement Measure(string fileName, string[] arguments, string directory) =>
        JsonDocument.Parse(Execute(fileName, arguments, directory).Trim().Split('\n')[^1]).RootElement.Clone();

    private static string Execute(string fileName, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 10 minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }
        return output.Result;
    }
}
