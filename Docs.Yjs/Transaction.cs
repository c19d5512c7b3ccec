using Docs.Yjs.Structs;
using Docs.Yjs.Types;

namespace Docs.Yjs;

/// <summary>
/// A batch of changes to a document. Observers, garbage collection, struct merging and the
/// <see cref="Doc.Update"/> event all happen once, when the outermost transaction ends.
/// </summary>
public sealed class Transaction
{
    internal Transaction(Doc doc, object? origin, bool local)
    {
        Doc = doc;
        Origin = origin;
        Local = local;
        BeforeState = doc.Store.GetStateVector();
    }

    public Doc Doc { get; }

    /// <summary>Who made the change (a connection, a provider...), as given to <see cref="Doc.Transact(Action{Transaction}, object?, bool)"/>.</summary>
    public object? Origin { get; }

    /// <summary>False for changes that came from an update (remote).</summary>
    public bool Local { get; internal set; }

    /// <summary>What this transaction deleted.</summary>
    public DeleteSet DeleteSet { get; } = new();

    public IReadOnlyDictionary<ulong, long> BeforeState { get; }

    public IReadOnlyDictionary<ulong, long> AfterState { get; internal set; } = new Dictionary<ulong, long>();

    /// <summary>Types changed by this transaction, with the keys changed (null for list changes).</summary>
    internal Dictionary<AbstractType, HashSet<string?>> Changed { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>For deep observers: the events of each changed type, collected on its ancestors.</summary>
    internal Dictionary<AbstractType, List<YEvent>> ChangedParentTypes { get; } = new(ReferenceEqualityComparer.Instance);

    internal List<StructBase> MergeStructs { get; } = [];

    internal HashSet<Doc> SubdocsAdded { get; } = [];

    internal HashSet<Doc> SubdocsRemoved { get; } = [];

    internal HashSet<Doc> SubdocsLoaded { get; } = [];

    internal bool NeedFormattingCleanup { get; set; }

    internal long BeforeStateOf(ulong client) => BeforeState.TryGetValue(client, out var clock) ? clock : 0;

    /// <summary>Records that <paramref name="type"/> changed, unless it was created in this transaction.</summary>
    internal void AddChangedType(AbstractType type, string? parentSub)
    {
        var item = type.Item;
        if (item is null || (item.Id.Clock < BeforeStateOf(item.Id.Client) && !item.Deleted))
        {
            if (!Changed.TryGetValue(type, out var keys))
            {
                keys = [];
                Changed[type] = keys;
            }
            keys.Add(parentSub);
        }
    }
}
