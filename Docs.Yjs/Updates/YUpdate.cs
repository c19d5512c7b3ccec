using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;

namespace Docs.Yjs.Updates;

/// <summary>Where each client's units start and end in an update.</summary>
public sealed record UpdateMeta(IReadOnlyDictionary<ulong, long> From, IReadOnlyDictionary<ulong, long> To);

/// <summary>
/// Operations on v1 updates without a document, byte-identical to yjs's: merge, diff against a state
/// vector, state vector of an update, meta. Merging runs in O(n log k) for n structs from k updates
/// (yjs re-sorts all k inputs at every step).
/// </summary>
public static class YUpdate
{
    public static byte[] Merge(IReadOnlyList<byte[]> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 1)
        {
            return updates[0];
        }
        var decoders = updates.Select(update => new UpdateDecoder(new Lib0Reader(update))).ToList();
        var readers = decoders.Select((decoder, index) => new LazyStructReader(decoder, filterSkips: true) { Index = index }).ToList();

        var queue = new PriorityQueue<LazyStructReader, LazyStructReader>(ReaderOrder.Instance);
        foreach (var reader in readers.Where(reader => reader.Current is not null))
        {
            queue.Enqueue(reader, reader);
        }
        var writer = new LazyStructWriter();
        StructBase? currentWrite = null;
        var currentOffset = 0;
        while (queue.TryDequeue(out var reader, out _))
        {
            Step(reader, writer, ref currentWrite, ref currentOffset);
            if (reader.Current is not null)
            {
                queue.Enqueue(reader, reader);
            }
        }
        if (currentWrite is not null)
        {
            writer.Write(currentWrite, currentOffset);
        }
        var encoder = new UpdateEncoder();
        writer.Finish(encoder);
        // Every reader is exhausted: each decoder stands at its delete set.
        var deletes = new DeleteSet();
        foreach (var decoder in decoders)
        {
            DeleteSet.ReadInto(decoder, deletes);
        }
        deletes.SortAndMerge();
        deletes.Write(encoder);
        return encoder.ToArray();
    }

    /// <summary>One round of yjs's merge loop for the reader that comes first.</summary>
    private static void Step(LazyStructReader reader, LazyStructWriter writer, ref StructBase? currentWrite, ref int currentOffset)
    {
        var firstClient = reader.Current!.Id.Client;
        if (currentWrite is not null)
        {
            var current = reader.Current;
            var iterated = false;
            // Skip what was already written (higher clients come first).
            while (current is not null && current.Id.Clock + current.Length <= currentWrite.Id.Clock + currentWrite.Length && current.Id.Client >= currentWrite.Id.Client)
            {
                current = reader.Next();
                iterated = true;
            }
            if (current is null || current.Id.Client != firstClient || (iterated && current.Id.Clock > currentWrite.Id.Clock + currentWrite.Length))
            {
                return;
            }
            if (firstClient != currentWrite.Id.Client)
            {
                writer.Write(currentWrite, currentOffset);
                currentWrite = current;
                currentOffset = 0;
                reader.Next();
            }
            else if (currentWrite.Id.Clock + currentWrite.Length < current.Id.Clock)
            {
                // A gap: extend a Skip, or write and start one.
                if (currentWrite is SkipStruct)
                {
                    currentWrite.Length = SkipLength(current.Id.Clock + current.Length - currentWrite.Id.Clock);
                }
                else
                {
                    writer.Write(currentWrite, currentOffset);
                    var gap = current.Id.Clock - currentWrite.Id.Clock - currentWrite.Length;
                    currentWrite = new SkipStruct(new Id(firstClient, currentWrite.Id.Clock + currentWrite.Length), SkipLength(gap));
                    currentOffset = 0;
                }
            }
            else
            {
                var overlap = (int)(currentWrite.Id.Clock + currentWrite.Length - current.Id.Clock);
                if (overlap > 0)
                {
                    if (currentWrite is SkipStruct)
                    {
                        // Prefer trimming the Skip: the other struct carries information.
                        currentWrite.Length -= overlap;
                    }
                    else
                    {
                        current = Slice(current, overlap);
                    }
                }
                if (!currentWrite.MergeWith(current))
                {
                    writer.Write(currentWrite, currentOffset);
                    currentWrite = current;
                    currentOffset = 0;
                    reader.Next();
                }
            }
        }
        else
        {
            currentWrite = reader.Current;
            currentOffset = 0;
            reader.Next();
        }
        for (var next = reader.Current;
            next is not null && next.Id.Client == firstClient && next.Id.Clock == currentWrite!.Id.Clock + currentWrite.Length && next is not SkipStruct;
            next = reader.Next())
        {
            writer.Write(currentWrite, currentOffset);
            currentWrite = next;
            currentOffset = 0;
        }
    }

    /// <summary>A gap between known clocks; one beyond 2^31 units comes only from forged updates.</summary>
    private static int SkipLength(long length) =>
        length is > 0 and <= int.MaxValue ? (int)length : throw new YjsDecodingException($"A gap of {length} clocks between structs.");

    /// <summary>The part of a struct from unit <paramref name="diff"/> on.</summary>
    private static StructBase Slice(StructBase left, int diff)
    {
        var id = new Id(left.Id.Client, left.Id.Clock + diff);
        return left switch
        {
            GcStruct => new GcStruct(id, left.Length - diff),
            SkipStruct => new SkipStruct(id, left.Length - diff),
            Item item => new Item(id, null, new Id(id.Client, id.Clock - 1), null, item.RightOrigin, item.Parent, item.ParentSub, item.Content.Splice(diff)),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>Higher clients first, then lower clocks, then real structs before Skips, then input order.</summary>
    private sealed class ReaderOrder : IComparer<LazyStructReader>
    {
        public static readonly ReaderOrder Instance = new();

        public int Compare(LazyStructReader? x, LazyStructReader? y)
        {
            var a = x!.Current!;
            var b = y!.Current!;
            if (a.Id.Client != b.Id.Client)
            {
                return b.Id.Client.CompareTo(a.Id.Client);
            }
            if (a.Id.Clock != b.Id.Clock)
            {
                return a.Id.Clock.CompareTo(b.Id.Clock);
            }
            var skipA = a is SkipStruct;
            var skipB = b is SkipStruct;
            if (skipA != skipB)
            {
                return skipA ? 1 : -1;
            }
            return x.Index.CompareTo(y.Index);
        }
    }

    /// <summary>What <paramref name="update"/> holds beyond <paramref name="stateVector"/>; the delete set is kept whole.</summary>
    public static byte[] Diff(byte[] update, byte[] stateVector)
    {
        var state = StateVector.Decode(stateVector);
        var decoder = new UpdateDecoder(new Lib0Reader(update));
        var reader = new LazyStructReader(decoder, filterSkips: false);
        var writer = new LazyStructWriter();
        while (reader.Current is { } current)
        {
            var client = current.Id.Client;
            var known = state.GetValueOrDefault(client);
            if (current is SkipStruct)
            {
                reader.Next();
                continue;
            }
            if (current.Id.Clock + current.Length > known)
            {
                writer.Write(current, (int)Math.Max(known - current.Id.Clock, 0));
                reader.Next();
                while (reader.Current is { } following && following.Id.Client == client)
                {
                    writer.Write(following, 0);
                    reader.Next();
                }
            }
            else
            {
                while (reader.Current is { } following && following.Id.Client == client && following.Id.Clock + following.Length <= known)
                {
                    reader.Next();
                }
            }
        }
        var encoder = new UpdateEncoder();
        writer.Finish(encoder);
        DeleteSet.Read(decoder).Write(encoder);
        return encoder.ToArray();
    }

    /// <summary>Converts an update in the v2 format (as some clients send) to v1, as yjs's <c>convertUpdateFormatV2ToV1</c> does.</summary>
    public static byte[] ConvertV2ToV1(byte[] update)
    {
        var decoder = UpdateDecoderV2.Create(update);
        var reader = new LazyStructReader(decoder, filterSkips: false);
        var writer = new LazyStructWriter();
        for (var current = reader.Current; current is not null; current = reader.Next())
        {
            writer.Write(current, 0);
        }
        var encoder = new UpdateEncoder();
        writer.Finish(encoder);
        DeleteSet.Read(decoder).Write(encoder);
        return encoder.ToArray();
    }

    /// <summary>The state vector of an update: per client, the end of the gap-free prefix from clock 0.</summary>
    public static byte[] EncodeStateVectorFromUpdate(byte[] update)
    {
        var reader = new LazyStructReader(new UpdateDecoder(new Lib0Reader(update)), filterSkips: false);
        var entries = new List<(ulong Client, long Clock)>();
        if (reader.Current is { } first)
        {
            var client = first.Id.Client;
            var stopCounting = first.Id.Clock != 0;
            var clock = stopCounting ? 0 : first.Id.Clock + first.Length;
            for (var current = reader.Current; current is not null; current = reader.Next())
            {
                if (client != current.Id.Client)
                {
                    if (clock != 0)
                    {
                        entries.Add((client, clock));
                    }
                    client = current.Id.Client;
                    clock = 0;
                    stopCounting = current.Id.Clock != 0;
                }
                if (current is SkipStruct)
                {
                    stopCounting = true;
                }
                if (!stopCounting)
                {
                    clock = current.Id.Clock + current.Length;
                }
            }
            if (clock != 0)
            {
                entries.Add((client, clock));
            }
        }
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)entries.Count);
        foreach (var (client, clock) in entries)
        {
            writer.WriteVarUint(client);
            writer.WriteVarUint((ulong)clock);
        }
        return writer.ToArray();
    }

    public static UpdateMeta ParseMeta(byte[] update)
    {
        var from = new Dictionary<ulong, long>();
        var to = new Dictionary<ulong, long>();
        var reader = new LazyStructReader(new UpdateDecoder(new Lib0Reader(update)), filterSkips: false);
        if (reader.Current is { } first)
        {
            var client = first.Id.Client;
            var clock = first.Id.Clock;
            from[client] = clock;
            for (var current = reader.Current; current is not null; current = reader.Next())
            {
                if (client != current.Id.Client)
                {
                    to[client] = clock;
                    from[current.Id.Client] = current.Id.Clock;
                    client = current.Id.Client;
                }
                clock = current.Id.Clock + current.Length;
            }
            to[client] = clock;
        }
        return new UpdateMeta(from, to);
    }
}
