using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;
using Docs.Yjs.Types;

namespace Docs.Yjs;

/// <summary>
/// What happens when the outermost transaction ends, in yjs's order: observers, then garbage
/// collection and merging of structs, then the update event. Transactions that observers start are
/// cleaned up after, each in turn.
/// </summary>
internal static class TransactionCleanup
{
    public static void Run(Doc doc, List<Transaction> cleanups)
    {
        for (var i = 0; i < cleanups.Count; i++)
        {
            var transaction = cleanups[i];
            var store = doc.Store;
            var deleteSet = transaction.DeleteSet;
            try
            {
                deleteSet.SortAndMerge();
                transaction.AfterState = store.GetStateVector();
                CallObservers(doc, transaction);
            }
            finally
            {
                if (doc.Gc)
                {
                    TryGcDeleteSet(deleteSet, store, doc.GcFilter);
                }
                TryMergeDeleteSet(deleteSet, store);
                foreach (var (client, clock) in transaction.AfterState)
                {
                    var before = transaction.BeforeStateOf(client);
                    if (before != clock)
                    {
                        var structs = store.Clients[client];
                        var firstChange = Math.Max(StructStore.FindIndex(structs, before), 1);
                        for (var s = structs.Count - 1; s >= firstChange;)
                        {
                            s -= 1 + TryMergeWithLefts(structs, s);
                        }
                    }
                }
                for (var m = transaction.MergeStructs.Count - 1; m >= 0; m--)
                {
                    var id = transaction.MergeStructs[m].Id;
                    var structs = store.Clients[id.Client];
                    var replaced = StructStore.FindIndex(structs, id.Clock);
                    if (replaced + 1 < structs.Count && TryMergeWithLefts(structs, replaced + 1) > 1)
                    {
                        continue;
                    }
                    if (replaced > 0)
                    {
                        TryMergeWithLefts(structs, replaced);
                    }
                }
                if (!transaction.Local && transaction.AfterState.GetValueOrDefault(doc.ClientId) != transaction.BeforeStateOf(doc.ClientId))
                {
                    // Another peer wrote with our client id: continuing with it would corrupt both.
                    doc.ClientId = Doc.GenerateClientId();
                }
                if (doc.HasUpdateListeners)
                {
                    var encoder = new UpdateEncoder();
                    if (UpdateWriter.WriteTransactionUpdate(encoder, transaction))
                    {
                        doc.RaiseUpdate(encoder.ToArray(), transaction);
                    }
                }
            }
        }
        cleanups.Clear();
    }

    private static void CallObservers(Doc doc, Transaction transaction)
    {
        foreach (var (type, keys) in transaction.Changed.ToList())
        {
            if (type.Item is null || !type.Item.Deleted)
            {
                type.CallObserver(transaction, keys);
            }
        }
        foreach (var (type, events) in transaction.ChangedParentTypes.ToList())
        {
            if (type.HasDeepObservers && (type.Item is null || !type.Item.Deleted))
            {
                var live = events.Where(e => e.Target.Item is null || !e.Target.Item.Deleted).ToList();
                foreach (var e in live)
                {
                    e.CurrentTarget = type;
                }
                live.Sort((a, b) => a.Path.Count.CompareTo(b.Path.Count));
                type.CallDeepObservers(live, transaction);
            }
        }
        doc.RaiseAfterTransaction(transaction);
        if (transaction.NeedFormattingCleanup)
        {
            YText.CleanupAfterTransaction(transaction);
        }
    }

    private static void TryGcDeleteSet(DeleteSet deleteSet, StructStore store, Func<Item, bool> filter)
    {
        foreach (var (client, ranges) in deleteSet.Clients)
        {
            var structs = store.Clients[client];
            for (var r = ranges.Count - 1; r >= 0; r--)
            {
                var range = ranges[r];
                for (var s = StructStore.FindIndex(structs, range.Clock); s < structs.Count && structs[s].Id.Clock < range.End; s++)
                {
                    if (structs[s] is Item { Deleted: true, Keep: false } item && filter(item))
                    {
                        item.Gc(store, parentGcd: false);
                    }
                }
            }
        }
    }

    private static void TryMergeDeleteSet(DeleteSet deleteSet, StructStore store)
    {
        foreach (var (client, ranges) in deleteSet.Clients)
        {
            var structs = store.Clients[client];
            for (var r = ranges.Count - 1; r >= 0; r--)
            {
                var range = ranges[r];
                var mostRight = Math.Min(structs.Count - 1, 1 + StructStore.FindIndex(structs, range.End - 1));
                for (var s = mostRight; s > 0 && structs[s].Id.Clock >= range.Clock;)
                {
                    s -= 1 + TryMergeWithLefts(structs, s);
                }
            }
        }
    }

    /// <summary>Merges the struct at <paramref name="position"/> into its left neighbours while they allow it; returns how many merged away.</summary>
    internal static int TryMergeWithLefts(List<StructBase> structs, int position)
    {
        var i = position;
        for (; i > 0; i--)
        {
            var left = structs[i - 1];
            var right = structs[i];
            if (left.Deleted == right.Deleted && left.GetType() == right.GetType() && left.MergeWith(right))
            {
                if (right is Item { ParentSub: { } key } rightItem && rightItem.Parent is AbstractType parent
                    && parent.Map.TryGetValue(key, out var last) && last == rightItem)
                {
                    parent.Map[key] = (Item)left;
                }
                continue;
            }
            break;
        }
        var merged = position - i;
        if (merged > 0)
        {
            structs.RemoveRange(position + 1 - merged, merged);
        }
        return merged;
    }
}
