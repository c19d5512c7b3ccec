using Docs.Yjs.Structs;

namespace Docs.Yjs.Types;

/// <summary>How a key changed in a transaction.</summary>
public enum YKeyAction
{
    Add,
    Update,
    Delete,
}

public sealed record YKeyChange(YKeyAction Action, object? OldValue);

/// <summary>One step of a list delta: insert values, retain or delete a count.</summary>
public sealed record YDeltaOp(IReadOnlyList<object?>? Insert = null, int? Retain = null, int? Delete = null,
    IReadOnlyDictionary<string, object?>? Attributes = null);

/// <summary>What a transaction changed in one type, computed on demand (read it inside the observer).</summary>
public class YEvent
{
    private Dictionary<string, YKeyChange>? _keys;
    private List<YDeltaOp>? _delta;

    internal YEvent(AbstractType target, Transaction transaction)
    {
        Target = target;
        CurrentTarget = target;
        Transaction = transaction;
    }

    public AbstractType Target { get; }

    /// <summary>The type whose deep observer is being called.</summary>
    public AbstractType CurrentTarget { get; internal set; }

    public Transaction Transaction { get; }

    /// <summary>Keys and indexes from <see cref="CurrentTarget"/> down to <see cref="Target"/>.</summary>
    public IReadOnlyList<object> Path
    {
        get
        {
            var path = new List<object>();
            var child = Target;
            while (child.Item is not null && child != CurrentTarget)
            {
                if (child.Item.ParentSub is { } key)
                {
                    path.Insert(0, key);
                }
                else
                {
                    var index = 0;
                    for (var c = ((AbstractType)child.Item.Parent!).Start; c is not null && c != child.Item; c = c.Right)
                    {
                        if (!c.Deleted && c.Countable)
                        {
                            index += c.Length;
                        }
                    }
                    path.Insert(0, index);
                }
                child = (AbstractType)child.Item.Parent!;
            }
            return path;
        }
    }

    /// <summary>Whether this transaction deleted the struct.</summary>
    public bool Deletes(StructBase s) => Transaction.DeleteSet.IsDeleted(s.Id);

    /// <summary>Whether this transaction added the struct.</summary>
    public bool Adds(StructBase s) => s.Id.Clock >= Transaction.BeforeStateOf(s.Id.Client);

    public IReadOnlyDictionary<string, YKeyChange> Keys => _keys ??= ComputeKeys();

    /// <summary>The change to the list part, as insert / retain / delete steps.</summary>
    public virtual IReadOnlyList<YDeltaOp> Delta => _delta ??= ComputeListDelta();

    private Dictionary<string, YKeyChange> ComputeKeys()
    {
        var keys = new Dictionary<string, YKeyChange>(StringComparer.Ordinal);
        if (!Transaction.Changed.TryGetValue(Target, out var changed))
        {
            return keys;
        }
        foreach (var key in changed)
        {
            if (key is null || !Target.Map.TryGetValue(key, out var item))
            {
                continue;
            }
            if (Adds(item))
            {
                var previous = item.Left;
                while (previous is not null && Adds(previous))
                {
                    previous = previous.Left;
                }
                if (Deletes(item))
                {
                    if (previous is not null && Deletes(previous))
                    {
                        keys[key] = new YKeyChange(YKeyAction.Delete, Last(previous));
                    }
                }
                else if (previous is not null && Deletes(previous))
                {
                    keys[key] = new YKeyChange(YKeyAction.Update, Last(previous));
                }
                else
                {
                    keys[key] = new YKeyChange(YKeyAction.Add, YUndefined.Value);
                }
            }
            else if (Deletes(item))
            {
                keys[key] = new YKeyChange(YKeyAction.Delete, Last(item));
            }
        }
        return keys;
    }

    private static object? Last(Item item) => item.Content.GetContent().LastOrDefault(YUndefined.Value);

    private List<YDeltaOp> ComputeListDelta()
    {
        var delta = new List<YDeltaOp>();
        if (!Transaction.Changed.TryGetValue(Target, out var changed) || !changed.Contains(null))
        {
            return delta;
        }
        List<object?>? inserting = null;
        int retaining = 0, deleting = 0;
        void Pack()
        {
            if (inserting is not null)
            {
                delta.Add(new YDeltaOp(Insert: inserting));
            }
            else if (retaining > 0)
            {
                delta.Add(new YDeltaOp(Retain: retaining));
            }
            else if (deleting > 0)
            {
                delta.Add(new YDeltaOp(Delete: deleting));
            }
            inserting = null;
            retaining = deleting = 0;
        }
        for (var item = Target.Start; item is not null; item = item.Right)
        {
            if (item.Deleted)
            {
                if (Deletes(item) && !Adds(item))
                {
                    if (deleting == 0)
                    {
                        Pack();
                    }
                    deleting += item.Length;
                }
            }
            else if (Adds(item))
            {
                if (inserting is null)
                {
                    Pack();
                    inserting = [];
                }
                inserting.AddRange(item.Content.GetContent());
            }
            else
            {
                if (retaining == 0)
                {
                    Pack();
                }
                retaining += item.Length;
            }
        }
        if (retaining == 0)
        {
            Pack();
        }
        return delta;
    }
}
