using Docs.Yjs.Encoding;

namespace Docs.Yjs.Structs;

/// <summary>A clock range of deleted units.</summary>
public record struct DeleteRange(long Clock, long Length)
{
    public readonly long End => Clock + Length;
}

/// <summary>
/// Deleted ranges per client: a state-based set (an id is deleted if any peer deleted it), written
/// after the structs of every update.
/// </summary>
public sealed class DeleteSet
{
    internal Dictionary<ulong, List<DeleteRange>> Clients { get; } = [];

    public bool IsEmpty => Clients.Count == 0;

    public IReadOnlyDictionary<ulong, List<DeleteRange>> Ranges => Clients;

    internal void Add(ulong client, long clock, long length)
    {
        if (!Clients.TryGetValue(client, out var ranges))
        {
            ranges = [];
            Clients[client] = ranges;
        }
        ranges.Add(new DeleteRange(clock, length));
    }

    /// <summary>Sorts each client's ranges and merges the ones that touch or overlap.</summary>
    internal void SortAndMerge()
    {
        foreach (var ranges in Clients.Values)
        {
            SortAndMerge(ranges);
        }
    }

    internal static void SortAndMerge(List<DeleteRange> ranges)
    {
        ranges.Sort(static (a, b) => a.Clock.CompareTo(b.Clock));
        var j = 1;
        for (var i = 1; i < ranges.Count; i++)
        {
            var left = ranges[j - 1];
            var right = ranges[i];
            if (left.Clock + left.Length >= right.Clock)
            {
                ranges[j - 1] = left with { Length = Math.Max(left.Length, right.Clock + right.Length - left.Clock) };
            }
            else
            {
                ranges[j++] = right;
            }
        }
        if (ranges.Count > 0)
        {
            ranges.RemoveRange(j, ranges.Count - j);
        }
    }

    public bool IsDeleted(Id id)
    {
        if (!Clients.TryGetValue(id.Client, out var ranges))
        {
            return false;
        }
        int left = 0, right = ranges.Count - 1;
        while (left <= right)
        {
            var middle = (left + right) / 2;
            var range = ranges[middle];
            if (range.Clock <= id.Clock)
            {
                if (id.Clock < range.End)
                {
                    return true;
                }
                left = middle + 1;
            }
            else
            {
                right = middle - 1;
            }
        }
        return false;
    }

    /// <summary>Every maximal run of deleted structs in the store.</summary>
    internal static DeleteSet FromStore(StructStore store)
    {
        var set = new DeleteSet();
        foreach (var (client, structs) in store.Clients)
        {
            List<DeleteRange>? ranges = null;
            for (var i = 0; i < structs.Count; i++)
            {
                var current = structs[i];
                if (!current.Deleted)
                {
                    continue;
                }
                var clock = current.Id.Clock;
                long length = current.Length;
                while (i + 1 < structs.Count && structs[i + 1].Deleted)
                {
                    length += structs[++i].Length;
                }
                (ranges ??= []).Add(new DeleteRange(clock, length));
            }
            if (ranges is not null)
            {
                set.Clients[client] = ranges;
            }
        }
        return set;
    }

    /// <summary>Writes clients in descending order, as yjs does.</summary>
    internal void Write(UpdateEncoder encoder)
    {
        encoder.Rest.WriteVarUint((ulong)Clients.Count);
        foreach (var client in Clients.Keys.OrderDescending())
        {
            var ranges = Clients[client];
            encoder.Rest.WriteVarUint(client);
            encoder.Rest.WriteVarUint((ulong)ranges.Count);
            foreach (var range in ranges)
            {
                encoder.WriteDeleteSetClock(range.Clock);
                encoder.WriteDeleteSetLength(range.Length);
            }
        }
    }

    internal static DeleteSet Read(UpdateDecoder decoder)
    {
        var set = new DeleteSet();
        ReadInto(decoder, set);
        return set;
    }

    /// <summary>Adds the ranges of an encoded delete set to <paramref name="set"/>, unsorted.</summary>
    internal static void ReadInto(UpdateDecoder decoder, DeleteSet set)
    {
        var clientCount = decoder.Rest.ReadCount(minBytesEach: 2);
        for (var i = 0; i < clientCount; i++)
        {
            decoder.ResetDeleteSetValue();
            var client = decoder.Rest.ReadVarUint();
            var rangeCount = decoder.Rest.ReadCount(minBytesEach: 2);
            if (rangeCount == 0)
            {
                continue;
            }
            if (!set.Clients.TryGetValue(client, out var ranges))
            {
                ranges = new List<DeleteRange>(Math.Min(rangeCount, 1024));
                set.Clients[client] = ranges;
            }
            for (var r = 0; r < rangeCount; r++)
            {
                var clock = decoder.ReadDeleteSetClock();
                var length = decoder.ReadDeleteSetLength();
                if (clock + length > (long)Lib0Reader.MaxSafeInteger)
                {
                    throw new YjsDecodingException("A deleted range ends beyond 2^53.");
                }
                ranges.Add(new DeleteRange(clock, length));
            }
        }
    }
}
