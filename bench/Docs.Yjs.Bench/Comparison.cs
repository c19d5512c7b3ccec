using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Docs.Yjs.Bench;

/// <summary>Runs every scenario with Docs.Yjs and with npm yjs, each in its own process, and prints them side by side.</summary>
internal static class Comparison
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromMinutes(3);

    public static int Run(string root, bool quick)
    {
        var trace = B4Trace.PathIn(root);
        var peerDirectory = Path.Combine(root, "bench", "yjs");
        if (!File.Exists(Path.Combine(peerDirectory, "node_modules", "yjs", "package.json")))
        {
            Execute("npm", ["ci", "--no-audit", "--no-fund"], peerDirectory, TimeSpan.FromMinutes(5));
        }
        var self = typeof(Comparison).Assembly.Location;
        var scenarios = quick ? new[] { "a", "c", "d10000" } : ["a", "b", "c", "d10000", "d20000", "d"];
        var names = new Dictionary<string, string>
        {
            ["a"] = "(a) replay 259,778 edits",
            ["b"] = "(b) apply the 259,778 updates",
            ["c"] = "(c) encode + decode the state",
            ["d10000"] = "(d) merge 10,000 updates",
            ["d20000"] = "(d) merge 20,000 updates",
            ["d"] = "(d) merge all 259,778 updates",
        };
        Console.WriteLine($"Docs.Yjs vs yjs 13.6.33 (Node {Execute("node", ["--version"], root, TimeSpan.FromSeconds(10)).Trim()}), {Environment.ProcessorCount} cores, trace {Path.GetFileName(trace)}");
        Console.WriteLine();
        Console.WriteLine($"| scenario | Docs.Yjs time | yjs time | time ratio | Docs.Yjs peak RSS | yjs peak RSS |");
        Console.WriteLine($"| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var scenario in scenarios)
        {
            var mine = Measure("dotnet", ["exec", self, "scenario", scenario], root, TimeSpan.FromMinutes(5));
            var peer = Measure("node", [Path.Combine(peerDirectory, "b4.mjs"), scenario, trace], peerDirectory, PeerTimeout);
            Console.WriteLine($"| {names[scenario]} | {Time(mine)} | {Time(peer)} | {Ratio(mine, peer)} | {Memory(mine)} | {Memory(peer)} |");
            if (scenario == "c")
            {
                Console.WriteLine($"|   encode / decode | {Ms(mine, "encodeMs")} / {Ms(mine, "decodeMs")} | {Ms(peer, "encodeMs")} / {Ms(peer, "decodeMs")} | | {Bytes(mine)} | {Bytes(peer)} |");
            }
        }
        Console.WriteLine();
        Console.WriteLine("time ratio = yjs time / Docs.Yjs time (above 1: Docs.Yjs is faster). Peak RSS is the whole process (runtime included).");
        return 0;
    }

    private static JsonElement? Measure(string fileName, string[] arguments, string directory, TimeSpan timeout)
    {
        try
        {
            var output = Execute(fileName, arguments, directory, timeout);
            return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static string Time(JsonElement? result) => result is { } r
        ? r.GetProperty("ms").GetDouble() >= 1000 ? $"{r.GetProperty("ms").GetDouble() / 1000:0.00} s" : $"{r.GetProperty("ms").GetDouble():0.0} ms"
        : $"> {PeerTimeout.TotalSeconds:0} s (stopped)";

    private static string Ms(JsonElement? result, string field) => result is { } r ? $"{r.GetProperty(field).GetDouble():0.0} ms" : "-";

    private static string Bytes(JsonElement? result) => result is { } r && r.TryGetProperty("bytes", out var b) ? $"{b.GetInt32():N0} B" : "";

    private static string Memory(JsonElement? result) => result is { } r ? $"{r.GetProperty("peakRssMb").GetDouble():0} MB" : "-";

    private static string Ratio(JsonElement? mine, JsonElement? peer) => (mine, peer) switch
    {
        ({ } m, { } p) => $"{p.GetProperty("ms").GetDouble() / m.GetProperty("ms").GetDouble():0.0}x",
        ({ } m, null) => $"> {PeerTimeout.TotalMilliseconds / m.GetProperty("ms").GetDouble():0}x",
        _ => "-",
    };

    private static string Execute(string fileName, string[] arguments, string directory, TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException();
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed: {error.Result}");
        }
        return output.Result;
    }
}
