using System.Diagnostics;
using Docs.Yjs.Encoding;
using Docs.Yjs.Protocols;
using Docs.Yjs.Types;
using Docs.Yjs.Updates;

namespace Docs.Yjs.Tests.Fuzzing;

/// <summary>What a fuzzing run found: how many inputs, how many decoded, and any input that broke a rule.</summary>
public sealed record FuzzReport(int Inputs, int Accepted, int Rejected, long MaxAllocatedBytes, TimeSpan Slowest, IReadOnlyList<string> Failures);

/// <summary>
/// A seeded mutation fuzzer over valid updates: every mutated input, given to every decoder, must decode
/// or throw <see cref="YjsDecodingException"/> — nothing else, never slowly, never allocating more than a
/// small multiple of its size.
/// </summary>
public sealed class UpdateFuzzer(int seed)
{
    /// <summary>Allocation allowed per input: a fixed allowance for the document machinery plus a multiple of the input.</summary>
    public const long FixedAllowance = 2 << 20;
    public const int AllowedMultiple = 64;

    private readonly Random _random = new(seed);
    private volatile byte[] _current = [];

    /// <summary>The input being decoded now: what to report when a decoder never returns.</summary>
    public byte[] CurrentInput => _current;
    private readonly List<byte[]> _corpus = BuildCorpus();

    /// <summary>Valid updates of every kind: text with formats, arrays, maps, XML, nested and deleted types, merges.</summary>
    public static List<byte[]> BuildCorpus()
    {
        var corpus = new List<byte[]>();
        var a = new Doc(1);
        var updates = new List<byte[]>();
        a.Update += (update, _, _) => updates.Add(update);
        var text = a.GetText("t");
        text.Insert(0, "hello world");
        text.Format(2, 5, new Dictionary<string, object?> { ["bold"] = true });
        text.InsertEmbed(3, new OrderedDictionary<string, object?> { ["image"] = "x.png" });
        text.Delete(1, 3);
        var map = a.GetMap("m");
        map.Set("n", 1.5);
        map.Set("s", "v");
        map.Set("o", new OrderedDictionary<string, object?> { ["k"] = new List<object?> { true, null, 7 } });
        map.Set("b", new byte[] { 1, 2, 3 });
        var nested = new YMap();
        map.Set("nested", nested);
        nested.Set("x", "y");
        var array = a.GetArray("a");
        array.Insert(0, 1, "two", new YArray(), new YText("inner"));
        array.Delete(1, 1);
        var xml = a.GetXmlFragment("x");
        var element = new YXmlElement("p");
        element.SetAttribute("class", "c");
        var xmlText = new YXmlText();
        xmlText.Insert(0, "xml text");
        element.Insert(0, xmlText);
        xml.Insert(0, element);
        map.Set("sub", new Doc(guid: "g"));
        corpus.AddRange(updates);
        corpus.Add(HocuspocusMessages.Update("doc", updates[0]));
        corpus.Add(HocuspocusMessages.Token("doc", "token", "4.7.0"));
        var awareness = new Awareness(3);
        awareness.SetLocalState("{\"user\":{\"name\":\"A\",\"color\":\"#f00\"}}");
        corpus.Add(awareness.EncodeUpdate());
        corpus.Add(a.EncodeStateAsUpdate());

        var b = new Doc(0xFFFFFFFFFF);
        b.ApplyUpdate(a.EncodeStateAsUpdate());
        b.GetText("t").Insert(2, "concurrent");
        b.GetMap("m").Delete("s");
        corpus.Add(b.EncodeStateAsUpdate(a.EncodeStateVector()));
        corpus.Add(YUpdate.Merge([updates[0], updates[^1], b.EncodeStateAsUpdate()]));
        return corpus;
    }

    public byte[] Mutate()
    {
        var input = (byte[])_corpus[_random.Next(_corpus.Count)].Clone();
        var rounds = 1 + _random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            input = _random.Next(9) switch
            {
                0 => FlipBit(input),
                1 => SetByte(input),
                2 => Insert(input),
                3 => Remove(input),
                4 => input[..Math.Max(0, input.Length - 1 - _random.Next(Math.Max(1, input.Length)))],
                5 => Splice(input, _corpus[_random.Next(_corpus.Count)]),
                6 => InsertHugeVarUint(input),
                7 => Duplicate(input),
                _ => SetByte(SetByte(input)),
            };
        }
        return input;
    }

    private byte[] FlipBit(byte[] input)
    {
        if (input.Length > 0)
        {
            input[_random.Next(input.Length)] ^= (byte)(1 << _random.Next(8));
        }
        return input;
    }

    private byte[] SetByte(byte[] input)
    {
        if (input.Length > 0)
        {
            input[_random.Next(input.Length)] = (byte)_random.Next(256);
        }
        return input;
    }

    private byte[] Insert(byte[] input)
    {
        var at = _random.Next(input.Length + 1);
        var extra = new byte[1 + _random.Next(8)];
        _random.NextBytes(extra);
        return [.. input[..at], .. extra, .. input[at..]];
    }

    private byte[] Remove(byte[] input)
    {
        if (input.Length < 2)
        {
            return input;
        }
        var at = _random.Next(input.Length);
        var count = 1 + _random.Next(Math.Min(8, input.Length - at));
        return [.. input[..at], .. input[(at + count)..]];
    }

    private byte[] Splice(byte[] input, byte[] other)
    {
        var at = _random.Next(input.Length + 1);
        var from = _random.Next(other.Length + 1);
        return [.. input[..at], .. other[from..]];
    }

    private byte[] InsertHugeVarUint(byte[] input)
    {
        var at = _random.Next(input.Length + 1);
        byte[] huge = _random.Next(3) switch
        {
            0 => [0xff, 0xff, 0xff, 0xff, 0x07],              // 2^31 - 1
            1 => [0x80, 0x80, 0x80, 0x80, 0x08],              // 2^31
            _ => [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f], // 2^53 - 1
        };
        return [.. input[..at], .. huge, .. input[at..]];
    }

    private byte[] Duplicate(byte[] input)
    {
        if (input.Length == 0)
        {
            return input;
        }
        var at = _random.Next(input.Length);
        var count = 1 + _random.Next(Math.Min(16, input.Length - at));
        return [.. input[..(at + count)], .. input[at..]];
    }

    /// <summary>Runs every decoder on <paramref name="count"/> mutated inputs.</summary>
    public FuzzReport Run(int count, TimeSpan slowLimit)
    {
        var failures = new List<string>();
        int accepted = 0, rejected = 0;
        long maxAllocated = 0;
        var slowest = TimeSpan.Zero;
        var baseState = _corpus[^3];
        var baseVector = new Doc(5).EncodeStateVector();
        for (var i = 0; i < count && failures.Count < 10; i++)
        {
            var input = Mutate();
            _current = input;
            var targets = new (string Name, Action Action)[]
            {
                ("Doc.ApplyUpdate", () => new Doc(77).ApplyUpdate(input)),
                ("Doc.ApplyUpdate on content", () =>
                {
                    var doc = new Doc(78);
                    doc.ApplyUpdate(baseState);
                    doc.ApplyUpdate(input);
                    doc.EncodeStateAsUpdate();
                }),
                ("YUpdate.Merge", () => YUpdate.Merge([baseState, input])),
                ("YUpdate.Diff", () => YUpdate.Diff(input, baseVector)),
                ("YUpdate.EncodeStateVectorFromUpdate", () => YUpdate.EncodeStateVectorFromUpdate(input)),
                ("YUpdate.ParseMeta", () => YUpdate.ParseMeta(input)),
                ("Doc.ApplyUpdateV2", () => new Doc(79).ApplyUpdateV2(input)),
                ("StateVector.Decode", () => StateVector.Decode(input)),
                ("Lib0Reader.ReadAny", () => new Lib0Reader(input).ReadAny()),
                ("HocuspocusFrame.Read", () => HocuspocusFrame.Read(input).Body.ReadVarUint()),
                ("SyncMessage.Read", () => SyncMessage.Read(new Lib0Reader(input))),
                ("Awareness.ApplyUpdate", () => new Awareness(1).ApplyUpdate(input, null)),
            };
            foreach (var (name, action) in targets)
            {
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                try
                {
                    action();
                    accepted++;
                }
                catch (YjsDecodingException)
                {
                    rejected++;
                }
                catch (Exception ex)
                {
                    failures.Add($"{name} threw {ex.GetType().Name}: {ex.Message} for input {Convert.ToHexString(input)}\n{ex.StackTrace}");
                }
                var elapsed = clock.Elapsed;
                var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                maxAllocated = Math.Max(maxAllocated, allocated);
                if (elapsed > slowest)
                {
                    slowest = elapsed;
                }
                if (elapsed > slowLimit)
                {
                    failures.Add($"{name} took {elapsed.TotalMilliseconds:0} ms for input {Convert.ToHexString(input)}");
                }
                if (allocated > FixedAllowance + (long)AllowedMultiple * (input.Length + baseState.Length))
                {
                    failures.Add($"{name} allocated {allocated} bytes for a {input.Length}-byte input {Convert.ToHexString(input)}");
                }
            }
        }
        return new FuzzReport(count, accepted, rejected, maxAllocated, slowest, failures);
    }
}
