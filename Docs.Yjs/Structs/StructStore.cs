namespace Docs.Yjs.Structs;

/// <summary>Structs the document received that cannot be integrated yet, and the clocks they wait for.</summary>
internal sealed class PendingStructs(Dictionary<ulong, long> missing, byte[] update)
{
    public Dictionary<ulong, long> Missing { get; } = missing;

    public byte[] Update { get; set; } = update;
}

/// <summary>Every struct of a document, per client, in clock order without gaps.</summary>
public sealed class StructStore
{
    internal Dictionary<ulong, List<StructBase>> Clients { get; } = [];

    internal PendingStructs? Pending { get; set; }

    /// <summary>Deletions of units not received yet, as an update with no structs.</summary>
    internal byte[]? PendingDeleteSet { get; set; }

    public IReadOnlyDictionary<ulong, List<StructBase>> StructsByClient => Clients;

    /// <summary>The next clock expected from <paramref name="client"/>.</summary>
    public long GetState(ulong client)
    {
        if (!Clients.TryGetValue(client, out var structs) || structs.Count == 0)
        {
            return 0;
        }
        var last = structs[^1];
        return last.Id.Clock + last.Length;
    }

    public Dictionary<ulong, long> GetStateVector()
    {
        var vector = new Dictionary<ulong, long>(Clients.Count);
        foreach (var (client, structs) in Clients)
        {
            var last = structs[^1];
            vector[client] = last.Id.Clock + last.Length;
        }
        return vector;
    }

    internal void AddStruct(StructBase added)
    {
        if (!Clients.TryGetValue(added.Id.Client, out var structs))
        {
            structs = [];
            Clients[added.Id.Client] = structs;
        }
        else
        {
            var last = structs[^1];
            if (last.Id.Clock + last.Length != added.Id.Clock)
            {
                throw new InvalidOperationException($"Struct {added.Id} does not follow {last.Id} (length {last.Length}).");
            }
        }
        structs.Add(added);
    }

    /// <summary>The index of the struct holding <paramref name="clock"/>; a guess from the clock, then binary search.</summary>
    internal static int FindIndex(List<StructBase> structs, long clock)
    {
        var left = 0;
        var right = structs.Count - 1;
        var middle = structs[right];
        var middleClock = middle.Id.Clock;
        if (middleClock == clock)
        {
            return right;
        }
        var index = (int)(clock / (double)(middleClock + middle.Length - 1) * right);
        while (left <= right)
        {
            if (index < left || index > right)
            {
                index = (left + right) / 2;
            }
            middle = structs[index];
            middleClock = middle.Id.Clock;
            if (middleClock <= clock)
            {
                if (clock < middleClock + middle.Length)
                {
                    return index;
                }
                left = index + 1;
            }
            else
            {
                right = index - 1;
            }
            index = (left + right) / 2;
        }
        throw new InvalidOperationException($"Clock {clock} is not in the store.");
    }

    /// <summary>The struct holding <paramref name="id"/>, or null when the store does not have it.</summary>
    public StructBase? Find(Id id)
    {
        if (!Clients.TryGetValue(id.Client, out var structs) || structs.Count == 0 || id.Clock < structs[0].Id.Clock || id.Clock >= GetState(id.Client))
        {
            return null;
        }
        return structs[FindIndex(structs, id.Clock)];
    }

    /// <summary>The struct starting exactly at <paramref name="id"/>, splitting an item if needed.</summary>
    internal StructBase GetItemCleanStart(Transaction transaction, Id id)
    {
        var structs = Clients[id.Client];
        return structs[FindIndexCleanStart(transaction, structs, id.Clock)];
    }

    internal static int FindIndexCleanStart(Transaction transaction, List<StructBase> structs, long clock)
    {
        var index = FindIndex(structs, clock);
        var found = structs[index];
        if (found.Id.Clock < clock && found is Item item)
        {
            structs.Insert(index + 1, item.Split(transaction, (int)(clock - item.Id.Clock)));
            return index + 1;
        }
        return index;
    }

    /// <summary>The struct ending exactly at <paramref name="id"/>, splitting an item if needed.</summary>
    internal StructBase GetItemCleanEnd(Transaction transaction, Id id)
    {
        var structs = Clients[id.Client];
        var index = FindIndex(structs, id.Clock);
        var found = structs[index];
        if (id.Clock != found.Id.Clock + found.Length - 1 && found is Item item)
        {
            structs.Insert(index + 1, item.Split(transaction, (int)(id.Clock - item.Id.Clock + 1)));
        }
        return found;
    }

    internal void ReplaceStruct(StructBase old, StructBase replacement)
    {
        var structs = Clients[old.Id.Client];
        structs[FindIndex(structs, old.Id.Clock)] = replacement;
    }
}
