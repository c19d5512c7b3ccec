using Docs.Yjs.Content;
using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;
using Docs.Yjs.Types;

namespace Docs.Yjs;

/// <summary>
/// Applies v1 updates: decodes everything first (so malformed input changes nothing), then integrates
/// the structs whose dependencies are present, keeps the rest pending, and applies the delete set.
/// </summary>
internal static class UpdateReader
{
    private sealed class ClientRefs(List<StructBase> refs)
    {
        public List<StructBase> Refs { get; set; } = refs;

        public int Next { get; set; }
    }

    public static void Apply(Doc doc, byte[] update, object? origin)
    {
        var decoder = new UpdateDecoder(new Lib0Reader(update));
        var refs = ReadClientsStructRefs(decoder, doc);
        var deleteSet = DeleteSet.Read(decoder);

        doc.Transact(transaction =>
        {
            transaction.Local = false;
            var store = doc.Store;
            var retry = false;
            var rest = IntegrateStructs(transaction, store, refs);
            if (store.Pending is { } pending)
            {
                foreach (var (client, clock) in pending.Missing)
                {
                    if (clock < store.GetState(client))
                    {
                        retry = true;
                        break;
                    }
                }
                if (rest is not null)
                {
                    foreach (var (client, clock) in rest.Missing)
                    {
                        if (!pending.Missing.TryGetValue(client, out var known) || known > clock)
                        {
                            pending.Missing[client] = clock;
                        }
                    }
                    pending.Update = Updates.YUpdate.Merge([pending.Update, rest.Update]);
                }
            }
            else
            {
                store.Pending = rest;
            }

            var unapplied = ApplyDeleteSet(deleteSet, transaction, store);
            if (store.PendingDeleteSet is { } pendingDeletes)
            {
                var pendingDecoder = new UpdateDecoder(new Lib0Reader(pendingDeletes));
                pendingDecoder.Rest.ReadVarUint(); // no structs
                var unappliedBefore = ApplyDeleteSet(DeleteSet.Read(pendingDecoder), transaction, store);
                store.PendingDeleteSet = (unapplied, unappliedBefore) switch
                {
                    ({ } a, { } b) => Updates.YUpdate.Merge([a, b]),
                    ({ } a, null) => a,
                    (null, var b) => b,
                };
            }
            else
            {
                store.PendingDeleteSet = unapplied;
            }

            if (retry && store.Pending is { } again)
            {
                store.Pending = null;
                Apply(doc, again.Update, origin);
            }
        }, origin, local: false);
    }

    private static Dictionary<ulong, ClientRefs> ReadClientsStructRefs(UpdateDecoder decoder, Doc doc)
    {
        var result = new Dictionary<ulong, ClientRefs>();
        Func<string, object> root = doc.GetOrCreateRoot;
        var clientCount = decoder.ReadClientCount();
        for (var c = 0; c < clientCount; c++)
        {
            var structCount = decoder.ReadStructCount();
            var client = decoder.ReadClient();
            var clock = decoder.Rest.ReadVarUintAsLong();
            var refs = new List<StructBase>(structCount);
            for (var s = 0; s < structCount; s++)
            {
                refs.Add(ReadStruct(decoder, client, ref clock, root, exactSkipInfo: false));
            }
            result[client] = new ClientRefs(refs);
        }
        return result;
    }

    /// <summary>
    /// Reads the struct of <paramref name="client"/> at <paramref name="clock"/> and moves the clock past
    /// it. yjs's two readers tell Skips apart differently: the document's by the content bits
    /// (<paramref name="exactSkipInfo"/> false), the one behind merge and diff by the whole info byte.
    /// </summary>
    internal static StructBase ReadStruct(UpdateDecoder decoder, ulong client, ref long clock, Func<string, object> root, bool exactSkipInfo)
    {
        var info = decoder.ReadInfo();
        var id = new Id(client, clock);
        var isSkip = exactSkipInfo ? info == SkipStruct.StructRef : (info & 0x1F) == SkipStruct.StructRef;
        StructBase read = isSkip ? new SkipStruct(id, decoder.Rest.ReadVarUintAsInt())
            : (info & 0x1F) == GcStruct.StructRef ? new GcStruct(id, decoder.ReadLength())
            : ReadItem(decoder, info, id, root);
        if (read.Length <= 0)
        {
            throw new YjsDecodingException($"A struct of client {client} at clock {clock} has no length.");
        }
        clock += read.Length;
        if (clock > (long)Lib0Reader.MaxSafeInteger)
        {
            throw new YjsDecodingException("Clocks beyond 2^53.");
        }
        return read;
    }

    /// <summary>Reads an item; the parent stays a root name or an id until integration resolves it.</summary>
    internal static Item ReadItem(UpdateDecoder decoder, byte info, Id id, Func<string, object> root)
    {
        var cantCopyParentInfo = (info & 0xC0) == 0;
        Id? origin = (info & 0x80) != 0 ? decoder.ReadLeftId() : null;
        Id? rightOrigin = (info & 0x40) != 0 ? decoder.ReadRightId() : null;
        object? parent = null;
        string? parentSub = null;
        if (cantCopyParentInfo)
        {
            parent = decoder.ReadParentInfo() ? root(decoder.ReadString()) : decoder.ReadLeftId();
            if ((info & 0x20) != 0)
            {
                parentSub = decoder.ReadString();
            }
        }
        var content = ItemContent.Read(decoder, info);
        // A unit may only anchor to earlier units of its own client: anything else is a forged update.
        if ((origin is { } o && o.Client == id.Client && o.Clock >= id.Clock)
            || (rightOrigin is { } r && r.Client == id.Client && r.Clock >= id.Clock)
            || (parent is Id p && p.Client == id.Client && p.Clock >= id.Clock))
        {
            throw new YjsDecodingException($"Item {id} refers to a later unit of its own client.");
        }
        if (content.Length <= 0)
        {
            throw new YjsDecodingException($"Item {id} has empty content.");
        }
        return new Item(id, null, origin, null, rightOrigin, parent, parentSub, content);
    }

    private static PendingStructs? IntegrateStructs(Transaction transaction, StructStore store, Dictionary<ulong, ClientRefs> clientsRefs)
    {
        var clientIds = clientsRefs.Keys.Order().ToList();
        if (clientIds.Count == 0)
        {
            return null;
        }
        ClientRefs? NextTarget()
        {
            while (clientIds.Count > 0)
            {
                var target = clientsRefs[clientIds[^1]];
                if (target.Next < target.Refs.Count)
                {
                    return target;
                }
                clientIds.RemoveAt(clientIds.Count - 1);
            }
            return null;
        }
        var current = NextTarget();
        if (current is null)
        {
            return null;
        }
        var restStore = new StructStore();
        var missing = new Dictionary<ulong, long>();
        void UpdateMissing(ulong client, long clock)
        {
            if (!missing.TryGetValue(client, out var known) || known > clock)
            {
                missing[client] = clock;
            }
        }
        var stack = new List<StructBase>();
        var head = current.Refs[current.Next++];
        var state = new Dictionary<ulong, long>();

        void AddStackToRest()
        {
            foreach (var item in stack)
            {
                var client = item.Id.Client;
                if (clientsRefs.TryGetValue(client, out var inapplicable))
                {
                    inapplicable.Next--;
                    restStore.Clients[client] = inapplicable.Refs.GetRange(inapplicable.Next, inapplicable.Refs.Count - inapplicable.Next);
                    clientsRefs.Remove(client);
                    inapplicable.Next = 0;
                    inapplicable.Refs = [];
                }
                else
                {
                    restStore.Clients[client] = [item];
                }
                clientIds.Remove(client);
            }
            stack.Clear();
        }

        while (true)
        {
            if (head is not SkipStruct)
            {
                if (!state.TryGetValue(head.Id.Client, out var localClock))
                {
                    localClock = store.GetState(head.Id.Client);
                    state[head.Id.Client] = localClock;
                }
                var offset = localClock - head.Id.Clock;
                if (offset < 0)
                {
                    // An earlier update of the same client is missing.
                    stack.Add(head);
                    UpdateMissing(head.Id.Client, head.Id.Clock - 1);
                    AddStackToRest();
                }
                else
                {
                    var missingClient = head is Item item ? item.GetMissing(transaction, store) : null;
                    if (missingClient is { } dependency)
                    {
                        stack.Add(head);
                        var refs = clientsRefs.GetValueOrDefault(dependency);
                        if (refs is null || refs.Next == refs.Refs.Count)
                        {
                            // Depends on an update that has not arrived.
                            UpdateMissing(dependency, store.GetState(dependency));
                            AddStackToRest();
                        }
                        else
                        {
                            head = refs.Refs[refs.Next++];
                            continue;
                        }
                    }
                    else if (offset == 0 || offset < head.Length)
                    {
                        head.Integrate(transaction, (int)offset);
                        state[head.Id.Client] = head.Id.Clock + head.Length;
                    }
                }
            }
            if (stack.Count > 0)
            {
                head = stack[^1];
                stack.RemoveAt(stack.Count - 1);
            }
            else if (current is not null && current.Next < current.Refs.Count)
            {
                head = current.Refs[current.Next++];
            }
            else
            {
                current = NextTarget();
                if (current is null)
                {
                    break;
                }
                head = current.Refs[current.Next++];
            }
        }

        if (restStore.Clients.Count == 0)
        {
            return null;
        }
        var encoder = new UpdateEncoder();
        WriteRest(encoder, restStore);
        encoder.Rest.WriteVarUint(0UL);
        return new PendingStructs(missing, encoder.ToArray());
    }

    /// <summary>Writes structs that were never integrated (their parents may still be names or ids).</summary>
    private static void WriteRest(UpdateEncoder encoder, StructStore rest)
    {
        encoder.Rest.WriteVarUint((ulong)rest.Clients.Count);
        foreach (var client in rest.Clients.Keys.OrderDescending())
        {
            var structs = rest.Clients[client];
            encoder.Rest.WriteVarUint((ulong)structs.Count);
            encoder.WriteClient(client);
            encoder.Rest.WriteVarUint((ulong)structs[0].Id.Clock);
            foreach (var s in structs)
            {
                s.Write(encoder, 0);
            }
        }
    }

    /// <summary>Deletes what the set names; returns the part for units not received yet, as an update.</summary>
    private static byte[]? ApplyDeleteSet(DeleteSet deleteSet, Transaction transaction, StructStore store)
    {
        var unapplied = new DeleteSet();
        foreach (var (client, ranges) in deleteSet.Clients)
        {
            var structs = store.Clients.GetValueOrDefault(client) ?? [];
            var state = store.GetState(client);
            foreach (var range in ranges)
            {
                var clock = range.Clock;
                var end = range.End;
                if (range.Length <= 0)
                {
                    continue;
                }
                if (clock < state)
                {
                    if (state < end)
                    {
                        unapplied.Add(client, state, end - state);
                    }
                    var index = StructStore.FindIndex(structs, clock);
                    var first = structs[index];
                    if (!first.Deleted && first.Id.Clock < clock && first is Item firstItem)
                    {
                        structs.Insert(index + 1, firstItem.Split(transaction, (int)(clock - first.Id.Clock)));
                        index++;
                    }
                    while (index < structs.Count)
                    {
                        var s = structs[index++];
                        if (s.Id.Clock >= end)
                        {
                            break;
                        }
                        if (!s.Deleted && s is Item item)
                        {
                            if (end < item.Id.Clock + item.Length)
                            {
                                structs.Insert(index, item.Split(transaction, (int)(end - item.Id.Clock)));
                            }
                            item.Delete(transaction);
                        }
                    }
                }
                else
                {
                    unapplied.Add(client, clock, end - clock);
                }
            }
        }
        if (unapplied.IsEmpty)
        {
            return null;
        }
        var encoder = new UpdateEncoder();
        encoder.Rest.WriteVarUint(0UL);
        unapplied.Write(encoder);
        return encoder.ToArray();
    }
}
