using Docs.Yjs.Content;
using Docs.Yjs.Encoding;
using Docs.Yjs.Types;

namespace Docs.Yjs.Structs;

/// <summary>
/// A run of units from one client with one kind of content, anchored by the units that were left
/// (<see cref="Origin"/>) and right (<see cref="RightOrigin"/>) of it when it was created (YATA).
/// </summary>
public sealed class Item : StructBase
{
    private const byte KeepFlag = 1, CountableFlag = 2, DeletedFlag = 4, MarkerFlag = 8;

    [ThreadStatic]
    private static HashSet<Item>? t_conflicting;

    [ThreadStatic]
    private static HashSet<Item>? t_beforeOrigin;
    private byte _flags;

    internal Item(Id id, Item? left, Id? origin, Item? right, Id? rightOrigin, object? parent, string? parentSub, ItemContent content)
        : base(id, content.Length)
    {
        Left = left;
        Origin = origin;
        Right = right;
        RightOrigin = rightOrigin;
        Parent = parent;
        ParentSub = parentSub;
        Content = content;
        _flags = content.Countable ? CountableFlag : (byte)0;
    }

    public Id? Origin { get; internal set; }

    public Item? Left { get; internal set; }

    public Item? Right { get; internal set; }

    public Id? RightOrigin { get; internal set; }

    /// <summary>The containing type once integrated; while decoding, a root type or the <see cref="Id"/> of the item holding it.</summary>
    public object? Parent { get; internal set; }

    /// <summary>The key, for map entries (and XML attributes); null for list items.</summary>
    public string? ParentSub { get; internal set; }

    public ItemContent Content { get; internal set; }

    public Id? Redone { get; internal set; }

    public override bool Deleted => (_flags & DeletedFlag) != 0;

    public bool Countable => (_flags & CountableFlag) != 0;

    /// <summary>Kept from garbage collection (e.g. by an undo manager).</summary>
    public bool Keep
    {
        get => (_flags & KeepFlag) != 0;
        internal set => _flags = value ? (byte)(_flags | KeepFlag) : (byte)(_flags & ~KeepFlag);
    }

    internal bool Marker
    {
        get => (_flags & MarkerFlag) != 0;
        set => _flags = value ? (byte)(_flags | MarkerFlag) : (byte)(_flags & ~MarkerFlag);
    }

    internal AbstractType ParentType => (AbstractType)Parent!;

    internal void MarkDeleted() => _flags |= DeletedFlag;

    /// <summary>
    /// The client whose units this item needs and the document lacks, or null once every anchor is
    /// present; in that case it also resolves the anchors to items (splitting them) and the parent.
    /// </summary>
    internal ulong? GetMissing(Transaction transaction, StructStore store)
    {
        if (Origin is { } origin && origin.Client != Id.Client && origin.Clock >= store.GetState(origin.Client))
        {
            return origin.Client;
        }
        if (RightOrigin is { } rightOrigin && rightOrigin.Client != Id.Client && rightOrigin.Clock >= store.GetState(rightOrigin.Client))
        {
            return rightOrigin.Client;
        }
        if (Parent is Id parentId && Id.Client != parentId.Client && parentId.Clock >= store.GetState(parentId.Client))
        {
            return parentId.Client;
        }

        // Anchors may resolve to collected structs: then this item is garbage too.
        StructBase? leftStruct = null, rightStruct = null;
        if (Origin is { } o)
        {
            leftStruct = store.GetItemCleanEnd(transaction, o);
            Left = leftStruct as Item;
            Origin = leftStruct.LastId;
        }
        if (RightOrigin is { } r)
        {
            rightStruct = store.GetItemCleanStart(transaction, r);
            Right = rightStruct as Item;
            RightOrigin = rightStruct.Id;
        }
        if (leftStruct is GcStruct || rightStruct is GcStruct)
        {
            Parent = null;
        }
        else if (Parent is null)
        {
            if (Left is not null)
            {
                Parent = Left.Parent;
                ParentSub = Left.ParentSub;
            }
            else if (Right is not null)
            {
                Parent = Right.Parent;
                ParentSub = Right.ParentSub;
            }
        }
        else if (Parent is Id holder)
        {
            // A parent that is gone (collected) or not a type (a hostile update) makes this item garbage.
            Parent = store.Find(holder) is Item { Content: ContentType contentType } ? contentType.Type : null;
        }
        return null;
    }

    internal override void Integrate(Transaction transaction, int offset)
    {
        var store = transaction.Doc.Store;
        if (offset > 0)
        {
            Id = Id with { Clock = Id.Clock + offset };
            var previous = store.GetItemCleanEnd(transaction, new Id(Id.Client, Id.Clock - 1));
            Left = previous as Item;
            Origin = previous.LastId;
            Content = Content.Splice(offset);
            Length -= offset;
        }

        if (Parent is not AbstractType parent)
        {
            new GcStruct(Id, Length).Integrate(transaction, 0);
            return;
        }

        if ((Left is null && (Right is null || Right.Left is not null)) || (Left is not null && Left.Right != Right))
        {
            var left = Left;
            Item? o;
            if (left is not null)
            {
                o = left.Right;
            }
            else if (ParentSub is not null)
            {
                o = parent.Map.GetValueOrDefault(ParentSub);
                while (o?.Left is not null)
                {
                    o = o.Left;
                }
            }
            else
            {
                o = parent.Start;
            }
            // Reused between integrations (a document is used by one thread at a time): no allocation per item.
            var conflicting = t_conflicting ??= new HashSet<Item>(ReferenceEqualityComparer.Instance);
            var beforeOrigin = t_beforeOrigin ??= new HashSet<Item>(ReferenceEqualityComparer.Instance);
            conflicting.Clear();
            beforeOrigin.Clear();
            while (o is not null && o != Right)
            {
                beforeOrigin.Add(o);
                conflicting.Add(o);
                if (Origin == o.Origin)
                {
                    if (o.Id.Client < Id.Client)
                    {
                        left = o;
                        conflicting.Clear();
                    }
                    else if (RightOrigin == o.RightOrigin)
                    {
                        break;
                    }
                }
                else if (o.Origin is { } oOrigin && store.Find(oOrigin) is Item originItem && beforeOrigin.Contains(originItem))
                {
                    if (!conflicting.Contains(originItem))
                    {
                        left = o;
                        conflicting.Clear();
                    }
                }
                else
                {
                    break;
                }
                o = o.Right;
            }
            // Hold no items past this call: the sets outlive the document.
            conflicting.Clear();
            beforeOrigin.Clear();
            Left = left;
        }

        if (Left is not null)
        {
            Right = Left.Right;
            Left.Right = this;
        }
        else
        {
            Item? r;
            if (ParentSub is not null)
            {
                r = parent.Map.GetValueOrDefault(ParentSub);
                while (r?.Left is not null)
                {
                    r = r.Left;
                }
            }
            else
            {
                r = parent.Start;
                parent.Start = this;
            }
            Right = r;
        }
        if (Right is not null)
        {
            Right.Left = this;
        }
        else if (ParentSub is not null)
        {
            // The newest value of a key; the previous one is overwritten.
            parent.Map[ParentSub] = this;
            Left?.Delete(transaction);
        }
        if (ParentSub is null && Countable && !Deleted)
        {
            parent.LengthInternal += Length;
        }
        store.AddStruct(this);
        Content.Integrate(transaction, this);
        transaction.AddChangedType(parent, ParentSub);
        if ((parent.Item is not null && parent.Item.Deleted) || (ParentSub is not null && Right is not null))
        {
            // Inserted into a deleted type, or a concurrent write to the same key that lost.
            Delete(transaction);
        }
    }

    internal void Delete(Transaction transaction)
    {
        if (Deleted)
        {
            return;
        }
        var parent = ParentType;
        if (Countable && ParentSub is null)
        {
            parent.LengthInternal -= Length;
        }
        MarkDeleted();
        transaction.DeleteSet.Add(Id.Client, Id.Clock, Length);
        transaction.AddChangedType(parent, ParentSub);
        Content.Delete(transaction);
    }

    internal void Gc(StructStore store, bool parentGcd)
    {
        if (!Deleted)
        {
            throw new InvalidOperationException("Only deleted items are collected.");
        }
        Content.Gc(store);
        if (parentGcd)
        {
            store.ReplaceStruct(this, new GcStruct(Id, Length));
        }
        else
        {
            Content = new ContentDeleted(Length);
        }
    }

    internal override bool MergeWith(StructBase right)
    {
        if (right is Item item
            && item.Origin == LastId
            && Right == item
            && RightOrigin == item.RightOrigin
            && Id.Client == item.Id.Client
            && Id.Clock + Length == item.Id.Clock
            && Deleted == item.Deleted
            && Redone is null && item.Redone is null
            && Content.GetType() == item.Content.GetType()
            && Content.MergeWith(item.Content))
        {
            if (ParentType.SearchMarkers is { } markers)
            {
                foreach (var marker in markers)
                {
                    if (marker.Item == item)
                    {
                        marker.Item = this;
                        if (!Deleted && Countable)
                        {
                            marker.Index -= Length;
                        }
                    }
                }
            }
            if (item.Keep)
            {
                Keep = true;
            }
            Right = item.Right;
            if (Right is not null)
            {
                Right.Left = this;
            }
            Length += item.Length;
            return true;
        }
        return false;
    }

    /// <summary>Splits this item so that it keeps <paramref name="diff"/> units; returns the new right part.</summary>
    internal Item Split(Transaction transaction, int diff)
    {
        var client = Id.Client;
        var clock = Id.Clock;
        var right = new Item(new Id(client, clock + diff), this, new Id(client, clock + diff - 1), Right, RightOrigin, Parent, ParentSub, Content.Splice(diff));
        if (Deleted)
        {
            right.MarkDeleted();
        }
        if (Keep)
        {
            right.Keep = true;
        }
        if (Redone is { } redone)
        {
            right.Redone = new Id(redone.Client, redone.Clock + diff);
        }
        Right = right;
        if (right.Right is not null)
        {
            right.Right.Left = right;
        }
        transaction.MergeStructs.Add(right);
        if (right.ParentSub is not null && right.Right is null)
        {
            ((AbstractType)right.Parent!).Map[right.ParentSub] = right;
        }
        Length = diff;
        return right;
    }

    internal override void Write(UpdateEncoder encoder, int offset)
    {
        Id? origin = offset > 0 ? new Id(Id.Client, Id.Clock + offset - 1) : Origin;
        var info = (byte)((Content.Ref & 0x1F)
            | (origin is null ? 0 : 0x80)
            | (RightOrigin is null ? 0 : 0x40)
            | (ParentSub is null ? 0 : 0x20));
        encoder.WriteInfo(info);
        if (origin is { } o)
        {
            encoder.WriteLeftId(o);
        }
        if (RightOrigin is { } r)
        {
            encoder.WriteRightId(r);
        }
        if (origin is null && RightOrigin is null)
        {
            switch (Parent)
            {
                case AbstractType { Item: null } root:
                    encoder.WriteParentInfo(true);
                    encoder.WriteString(root.RootName ?? throw new InvalidOperationException("A root type without a name."));
                    break;
                case AbstractType { Item: { } holder }:
                    encoder.WriteParentInfo(false);
                    encoder.WriteLeftId(holder.Id);
                    break;
                case string rootName:
                    encoder.WriteParentInfo(true);
                    encoder.WriteString(rootName);
                    break;
                case Id parentId:
                    encoder.WriteParentInfo(false);
                    encoder.WriteLeftId(parentId);
                    break;
                default:
                    throw new InvalidOperationException("An item without a parent cannot be written.");
            }
            if (ParentSub is not null)
            {
                encoder.WriteString(ParentSub);
            }
        }
        Content.Write(encoder, offset);
    }
}
