using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;

namespace Docs.Yjs;

/// <summary>Encodes a document, or part of it, as a v1 update, as yjs does byte for byte.</summary>
internal static class UpdateWriter
{
    public static byte[] EncodeStateAsUpdate(Doc doc, byte[]? encodedStateVector)
    {
        var target = encodedStateVector is null ? [] : StateVector.Decode(encodedStateVector);
        var encoder = new UpdateEncoder();
        WriteClientsStructs(encoder, doc.Store, target);
        DeleteSet.FromStore(doc.Store).Write(encoder);
        var update = encoder.ToArray();

        // What waits to be integrated goes along, so that a relay never sits on data.
        var parts = new List<byte[]> { update };
        if (doc.Store.PendingDeleteSet is { } pendingDeletes)
        {
            parts.Add(pendingDeletes);
        }
        if (doc.Store.Pending is { } pending)
        {
            parts.Add(Updates.YUpdate.Diff(pending.Update, encodedStateVector ?? [0]));
        }
        return parts.Count > 1 ? Updates.YUpdate.Merge(parts) : update;
    }

    /// <summary>Writes the structs that <paramref name="targetState"/> lacks, clients descending.</summary>
    internal static void WriteClientsStructs(UpdateEncoder encoder, StructStore store, IReadOnlyDictionary<ulong, long> targetState)
    {
        var from = new Dictionary<ulong, long>();
        foreach (var (client, clock) in targetState)
        {
            if (store.GetState(client) > clock)
            {
                from[client] = clock;
            }
        }
        foreach (var client in store.Clients.Keys)
        {
            if (!targetState.ContainsKey(client))
            {
                from[client] = 0;
            }
        }
        encoder.Rest.WriteVarUint((ulong)from.Count);
        foreach (var client in from.Keys.OrderDescending())
        {
            WriteStructs(encoder, store.Clients[client], client, from[client]);
        }
    }

    private static void WriteStructs(UpdateEncoder encoder, List<StructBase> structs, ulong client, long clock)
    {
        clock = Math.Max(clock, structs[0].Id.Clock);
        var start = StructStore.FindIndex(structs, clock);
        encoder.Rest.WriteVarUint((ulong)(structs.Count - start));
        encoder.WriteClient(client);
        encoder.Rest.WriteVarUint((ulong)clock);
        var first = structs[start];
        first.Write(encoder, (int)(clock - first.Id.Clock));
        for (var i = start + 1; i < structs.Count; i++)
        {
            structs[i].Write(encoder, 0);
        }
    }

    /// <summary>The update a transaction produced; false when it changed nothing.</summary>
    public static bool WriteTransactionUpdate(UpdateEncoder encoder, Transaction transaction)
    {
        var changed = transaction.AfterState.Any(entry => transaction.BeforeStateOf(entry.Key) != entry.Value);
        if (transaction.DeleteSet.IsEmpty && !changed)
        {
            return false;
        }
        transaction.DeleteSet.SortAndMerge();
        WriteClientsStructs(encoder, transaction.Doc.Store, transaction.BeforeState);
        transaction.DeleteSet.Write(encoder);
        return true;
    }
}
