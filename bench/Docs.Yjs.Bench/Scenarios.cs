using System.Diagnostics;
using Docs.Yjs.Updates;

namespace Docs.Yjs.Bench;

/// <summary>The measured scenarios, each run in a process of its own so that peak memory is its own.</summary>
internal static class Scenarios
{
    public static Dictionary<string, object> Run(string scenario, string tracePath)
    {
        var (patches, endContent) = B4Trace.Load(tracePath);
        GC.Collect();
        var baseline = PeakRss.Current();
        var result = new Dictionary<string, object> { ["scenario"] = scenario };
        switch (scenario)
        {
            case "a":
            {
                var clock = Stopwatch.StartNew();
                var doc = Replay(patches, null);
                result["ms"] = clock.Elapsed.TotalMilliseconds;
                Check(doc, endContent);
                break;
            }
            case "b":
            {
                var updates = new List<byte[]>(patches.Count);
                Replay(patches, updates);
                GC.Collect();
                var clock = Stopwatch.StartNew();
                var doc = new Doc(1);
                foreach (var update in updates)
                {
                    doc.ApplyUpdate(update);
                }
                result["ms"] = clock.Elapsed.TotalMilliseconds;
                Check(doc, endContent);
                break;
            }
            case "c":
            {
                var doc = Replay(patches, null);
                var encodeClock = Stopwatch.StartNew();
                var state = doc.EncodeStateAsUpdate();
                result["encodeMs"] = encodeClock.Elapsed.TotalMilliseconds;
                var decodeClock = Stopwatch.StartNew();
                var decoded = new Doc(2);
                decoded.ApplyUpdate(state);
                result["decodeMs"] = decodeClock.Elapsed.TotalMilliseconds;
                result["ms"] = (double)result["encodeMs"] + (double)result["decodeMs"];
                result["bytes"] = state.Length;
                Check(decoded, endContent);
                break;
            }
            case var merge when merge.StartsWith('d'):
            {
                var updates = new List<byte[]>(patches.Count);
                Replay(patches, updates);
                var count = merge == "d" ? updates.Count : int.Parse(merge[1..], System.Globalization.CultureInfo.InvariantCulture);
                var slice = updates.GetRange(0, Math.Min(count, updates.Count));
                GC.Collect();
                var clock = Stopwatch.StartNew();
                var merged = YUpdate.Merge(slice);
                result["ms"] = clock.Elapsed.TotalMilliseconds;
                result["bytes"] = merged.Length;
                result["updates"] = slice.Count;
                break;
            }
            default:
                throw new ArgumentException($"Unknown scenario {scenario}.");
        }
        result["peakRssMb"] = PeakRss.Peak() / 1048576.0;
        result["baselineRssMb"] = baseline / 1048576.0;
        return result;
    }

    private static Doc Replay(List<(int Position, int Delete, string Insert)> patches, List<byte[]>? updates)
    {
        var doc = new Doc(1234567);
        if (updates is not null)
        {
            doc.Update += (update, _, _) => updates.Add(update);
        }
        var text = doc.GetText("text");
        foreach (var (position, delete, insert) in patches)
        {
            doc.Transact(_ =>
            {
                if (delete > 0)
                {
                    text.Delete(position, delete);
                }
                if (insert.Length > 0)
                {
                    text.Insert(position, insert);
                }
            });
        }
        return doc;
    }

    private static void Check(Doc doc, string endContent)
    {
        if (doc.GetText("text").ToString() != endContent)
        {
            throw new InvalidOperationException("The replay did not produce the trace's end content.");
        }
    }
}

/// <summary>Resident memory of this process, read from /proc (VmRSS now, VmHWM at its peak).</summary>
internal static class PeakRss
{
    public static long Current() => Read("VmRSS:");

    public static long Peak() => Read("VmHWM:");

    private static long Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }
}
