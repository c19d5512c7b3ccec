using Docs.Yjs.Content;
using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;

namespace Docs.Yjs.Types;

/// <summary>
/// A shared type: a list part (items from <see cref="Start"/>) and a map part (the newest item of each
/// key). A root type with no kind yet (first seen in an update) is a plain <see cref="AbstractType"/>.
/// </summary>
public class AbstractType
{
    private List<Action<YEvent, Transaction>>? _observers;
    private List<Action<IReadOnlyList<YEvent>, Transaction>>? _deepObservers;

    internal AbstractType()
    {
    }

    public Doc? Doc { get; private set; }

    /// <summary>The item holding this type, or null for a root type.</summary>
    public Item? Item { get; private set; }

    /// <summary>The name of a root type in its document.</summary>
    public string? RootName { get; internal set; }

    public Item? Start { get; internal set; }

    internal Dictionary<string, Item> Map { get; } = new(StringComparer.Ordinal);

    internal int LengthInternal { get; set; }

    internal List<SearchMarker>? SearchMarkers { get; set; }

    /// <summary>The type containing this one, or null for a root.</summary>
    public AbstractType? Parent => Item?.Parent as AbstractType;

    internal bool HasDeepObservers => _deepObservers is { Count: > 0 };

    internal virtual void Integrate(Doc doc, Item? item)
    {
        Doc = doc;
        Item = item;
    }

    /// <summary>Moves the content of an untyped root placeholder into this, its typed replacement.</summary>
    internal void AdoptContentOf(AbstractType placeholder)
    {
        foreach (var (key, last) in placeholder.Map)
        {
            Map[key] = last;
            for (var n = last; n is not null; n = n.Left)
            {
                n.Parent = this;
            }
        }
        Start = placeholder.Start;
        for (var n = Start; n is not null; n = n.Right)
        {
            n.Parent = this;
        }
        LengthInternal = placeholder.LengthInternal;
    }

    internal virtual AbstractType CopyEmpty() => new();

    internal virtual void WriteTypeRef(UpdateEncoder encoder) =>
        throw new InvalidOperationException("An untyped placeholder cannot be written as content.");

    internal Doc RequireDoc() => Doc ?? throw new InvalidOperationException(
        $"This {GetType().Name} is not part of a document yet: insert it into one before editing it.");

    // ---- observers ----

    /// <summary>Calls <paramref name="handler"/> after each transaction that changed this type.</summary>
    public void Observe(Action<YEvent, Transaction> handler) => (_observers ??= []).Add(handler);

    public void Unobserve(Action<YEvent, Transaction> handler) => _observers?.Remove(handler);

    /// <summary>Calls <paramref name="handler"/> with the events of this type and every type inside it.</summary>
    public void ObserveDeep(Action<IReadOnlyList<YEvent>, Transaction> handler) => (_deepObservers ??= []).Add(handler);

    public void UnobserveDeep(Action<IReadOnlyList<YEvent>, Transaction> handler) => _deepObservers?.Remove(handler);

    internal virtual void CallObserver(Transaction transaction, HashSet<string?> parentSubs)
    {
        if (!transaction.Local)
        {
            SearchMarkers?.Clear();
        }
    }

    /// <summary>Hands the event to this type's observers and records it for the deep observers of every ancestor.</summary>
    internal void CallTypeObservers(Transaction transaction, YEvent e)
    {
        for (var type = this; ; type = (AbstractType)type.Item!.Parent!)
        {
            if (!transaction.ChangedParentTypes.TryGetValue(type, out var events))
            {
                events = [];
                transaction.ChangedParentTypes[type] = events;
            }
            events.Add(e);
            if (type.Item is null)
            {
                break;
            }
        }
        if (_observers is { } observers)
        {
            foreach (var observer in observers.ToList())
            {
                observer(e, transaction);
            }
        }
    }

    internal void CallDeepObservers(IReadOnlyList<YEvent> events, Transaction transaction)
    {
        foreach (var observer in _deepObservers!.ToList())
        {
            observer(events, transaction);
        }
    }

    // ---- list part ----

    /// <summary>The values of the list part, in order (deleted and non-countable items left out).</summary>
    internal List<object?> ListToArray()
    {
        var values = new List<object?>(LengthInternal);
        for (var n = Start; n is not null; n = n.Right)
        {
            if (n.Countable && !n.Deleted)
            {
                values.AddRange(n.Content.GetContent());
            }
        }
        return values;
    }

    internal object? ListGet(int index)
    {
        var marker = SearchMarker.Find(this, index);
        var n = Start;
        if (marker is not null)
        {
            n = marker.Item;
            index -= marker.Index;
        }
        for (; n is not null; n = n.Right)
        {
            if (!n.Deleted && n.Countable)
            {
                if (index < n.Length)
                {
                    return n.Content.GetContent()[index];
                }
                index -= n.Length;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }

    internal void ListInsert(Transaction transaction, int index, IReadOnlyList<object?> content)
    {
        if (index < 0 || index > LengthInternal)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Index {index} is beyond the length {LengthInternal}.");
        }
        if (index == 0)
        {
            if (SearchMarkers is { } markers0)
            {
                SearchMarker.UpdateChanges(markers0, index, content.Count);
            }
            ListInsertAfter(transaction, null, content);
            return;
        }
        var startIndex = index;
        var marker = SearchMarker.Find(this, index);
        var n = Start;
        if (marker is not null)
        {
            n = marker.Item;
            index -= marker.Index;
            if (index == 0)
            {
                // Step back to the previous live item so that the index can decrease.
                n = Previous(n);
                index += n is { Countable: true, Deleted: false } ? n.Length : 0;
            }
        }
        for (; n is not null; n = n.Right)
        {
            if (!n.Deleted && n.Countable)
            {
                if (index <= n.Length)
                {
                    if (index < n.Length)
                    {
                        transaction.Doc.Store.GetItemCleanStart(transaction, new Id(n.Id.Client, n.Id.Clock + index));
                    }
                    break;
                }
                index -= n.Length;
            }
        }
        if (SearchMarkers is { } markers)
        {
            SearchMarker.UpdateChanges(markers, startIndex, content.Count);
        }
        ListInsertAfter(transaction, n, content);
    }

    private static Item? Previous(Item? item)
    {
        var n = item?.Left;
        while (n is not null && n.Deleted)
        {
            n = n.Left;
        }
        return n;
    }

    internal void ListPush(Transaction transaction, IReadOnlyList<object?> content)
    {
        var n = Start;
        var best = 0;
        foreach (var marker in SearchMarkers ?? [])
        {
            if (marker.Index > best)
            {
                best = marker.Index;
                n = marker.Item;
            }
        }
        while (n?.Right is not null)
        {
            n = n.Right;
        }
        ListInsertAfter(transaction, n, content);
    }

    /// <summary>Inserts values after <paramref name="reference"/>: runs of JSON-like values share one item.</summary>
    internal void ListInsertAfter(Transaction transaction, Item? reference, IReadOnlyList<object?> content)
    {
        var left = reference;
        var doc = transaction.Doc;
        var right = reference is null ? Start : reference.Right;
        List<object?> values = [];
        void Integrate(ItemContent itemContent)
        {
            left = NewItem(doc, left, right, this, null, itemContent);
            left.Integrate(transaction, 0);
        }
        void PackValues()
        {
            if (values.Count > 0)
            {
                Integrate(new ContentAny(values));
                values = [];
            }
        }
        foreach (var value in content)
        {
            switch (value)
            {
                case byte[] bytes:
                    PackValues();
                    Integrate(new ContentBinary(bytes));
                    break;
                case Doc subdocument:
                    PackValues();
                    Integrate(new ContentDoc(subdocument));
                    break;
                case AbstractType type:
                    PackValues();
                    Integrate(new ContentType(type));
                    break;
                default:
                    values.Add(ValidateValue(value));
                    break;
            }
        }
        PackValues();
    }

    internal static object? ValidateValue(object? value)
    {
        if (value is YUndefined)
        {
            throw new ArgumentException("undefined cannot be inserted into a list.", nameof(value));
        }
        return value;
    }

    internal static Item NewItem(Doc doc, Item? left, Item? right, AbstractType parent, string? parentSub, ItemContent content)
    {
        var client = doc.ClientId;
        return new Item(new Id(client, doc.Store.GetState(client)), left, left?.LastId, right, right?.Id, parent, parentSub, content);
    }

    internal void ListDelete(Transaction transaction, int index, int length)
    {
        if (length == 0)
        {
            return;
        }
        if (index < 0 || length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        var startIndex = index;
        var startLength = length;
        var marker = SearchMarker.Find(this, index);
        var n = Start;
        if (marker is not null)
        {
            n = marker.Item;
            index -= marker.Index;
        }
        var store = transaction.Doc.Store;
        for (; n is not null && index > 0; n = n.Right)
        {
            if (!n.Deleted && n.Countable)
            {
                if (index < n.Length)
                {
                    store.GetItemCleanStart(transaction, new Id(n.Id.Client, n.Id.Clock + index));
                }
                index -= n.Length;
            }
        }
        while (length > 0 && n is not null)
        {
            if (!n.Deleted)
            {
                if (length < n.Length)
                {
                    store.GetItemCleanStart(transaction, new Id(n.Id.Client, n.Id.Clock + length));
                }
                n.Delete(transaction);
                length -= n.Length;
            }
            n = n.Right;
        }
        if (length > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "The range runs past the end of the list.");
        }
        if (SearchMarkers is { } markers)
        {
            SearchMarker.UpdateChanges(markers, startIndex, -startLength + length);
        }
    }

    // ---- map part ----

    internal void MapSet(Transaction transaction, string key, object? value)
    {
        var left = Map.GetValueOrDefault(key);
        ItemContent content = value switch
        {
            byte[] bytes => new ContentBinary(bytes),
            Doc subdocument => new ContentDoc(subdocument),
            AbstractType type => new ContentType(type),
            _ => new ContentAny([value]),
        };
        var doc = transaction.Doc;
        var client = doc.ClientId;
        new Item(new Id(client, doc.Store.GetState(client)), left, left?.LastId, null, null, this, key, content).Integrate(transaction, 0);
    }

    internal void MapDelete(Transaction transaction, string key)
    {
        if (Map.TryGetValue(key, out var item))
        {
            item.Delete(transaction);
        }
    }

    internal bool MapTryGet(string key, out object? value)
    {
        if (Map.TryGetValue(key, out var item) && !item.Deleted)
        {
            value = item.Content.GetContent()[item.Length - 1];
            return true;
        }
        value = null;
        return false;
    }

    internal IEnumerable<KeyValuePair<string, object?>> MapEntries()
    {
        foreach (var (key, item) in Map)
        {
            if (!item.Deleted)
            {
                yield return new(key, item.Content.GetContent()[item.Length - 1]);
            }
        }
    }

    /// <summary>A JSON-like copy of the content: nested types become lists, dictionaries or strings.</summary>
    public virtual object? ToJson() => null;

    /// <summary>A value as <c>toJSON</c> gives it: nested types converted, everything else unchanged.</summary>
    public static object? ValueToJson(object? value) => value is AbstractType type ? type.ToJson() : value;
}
