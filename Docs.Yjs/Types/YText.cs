using System.Text;
using Docs.Yjs.Content;
using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;

namespace Docs.Yjs.Types;

/// <summary>
/// Shared rich text: characters, embeds and formatting markers (Quill-style attributes). Positions
/// count UTF-16 code units, as in JavaScript.
/// </summary>
public class YText : AbstractType
{
    internal const byte TypeRef = 2;
    private List<Action>? _pending = [];

    public YText() => SearchMarkers = [];

    public YText(string initial) : this() => Insert(0, initial);

    internal bool HasFormatting { get; set; }

    public int Length => LengthInternal;

    internal override void Integrate(Doc doc, Item? item)
    {
        base.Integrate(doc, item);
        var pending = _pending;
        _pending = null;
        foreach (var action in pending ?? [])
        {
            action();
        }
    }

    internal override AbstractType CopyEmpty() => new YText();

    internal override void WriteTypeRef(UpdateEncoder encoder) => encoder.WriteTypeRef(TypeRef);

    private bool Defer(Action action)
    {
        if (_pending is null)
        {
            return false;
        }
        _pending.Add(action);
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder(LengthInternal);
        for (var n = Start; n is not null; n = n.Right)
        {
            if (!n.Deleted && n.Countable && n.Content is ContentString text)
            {
                builder.Append(text.Text);
            }
        }
        return builder.ToString();
    }

    public override object? ToJson() => ToString();

    /// <summary>Inserts text; without <paramref name="attributes"/> it takes the formatting around it.</summary>
    public void Insert(int index, string text, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        if (text.Length == 0 || Defer(() => Insert(index, text, attributes)))
        {
            return;
        }
        RequireDoc().Transact(transaction =>
        {
            var position = FindPosition(transaction, index, useSearchMarker: attributes is null);
            var attrs = attributes is null ? new OrderedDictionary<string, object?>(position.CurrentAttributes) : new OrderedDictionary<string, object?>(attributes);
            InsertContent(transaction, position, new ContentString(text), attrs);
        });
    }

    /// <summary>Inserts an embed (an image, a mention...) or a nested type as one unit.</summary>
    public void InsertEmbed(int index, object embed, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        if (Defer(() => InsertEmbed(index, embed, attributes)))
        {
            return;
        }
        RequireDoc().Transact(transaction =>
        {
            var position = FindPosition(transaction, index, useSearchMarker: attributes is null);
            ItemContent content = embed is AbstractType type ? new ContentType(type) : ContentEmbed.FromValue(embed);
            InsertContent(transaction, position, content, attributes is null ? [] : new OrderedDictionary<string, object?>(attributes));
        });
    }

    public void Delete(int index, int length)
    {
        if (length == 0 || Defer(() => Delete(index, length)))
        {
            return;
        }
        RequireDoc().Transact(transaction => DeleteText(transaction, FindPosition(transaction, index, useSearchMarker: true), length));
    }

    /// <summary>Sets attributes over a range (a null value removes the attribute).</summary>
    public void Format(int index, int length, IReadOnlyDictionary<string, object?> attributes)
    {
        if (length == 0 || Defer(() => Format(index, length, attributes)))
        {
            return;
        }
        RequireDoc().Transact(transaction =>
        {
            var position = FindPosition(transaction, index, useSearchMarker: false);
            if (position.Right is null)
            {
                return;
            }
            FormatText(transaction, position, length, new OrderedDictionary<string, object?>(attributes));
        });
    }

    /// <summary>Applies a Quill delta: insert (text or embed), retain (with attributes: format), delete.</summary>
    public void ApplyDelta(IReadOnlyList<YDeltaOp> delta)
    {
        if (Defer(() => ApplyDelta(delta)))
        {
            return;
        }
        RequireDoc().Transact(transaction =>
        {
            var position = new TextPosition(null, Start, 0, []);
            foreach (var op in delta)
            {
                var attributes = op.Attributes is null ? new OrderedDictionary<string, object?>() : new OrderedDictionary<string, object?>(op.Attributes);
                if (op.Insert is { } insert)
                {
                    foreach (var value in insert)
                    {
                        if (value is string s)
                        {
                            if (s.Length > 0)
                            {
                                InsertContent(transaction, position, new ContentString(s), new OrderedDictionary<string, object?>(attributes));
                            }
                        }
                        else
                        {
                            ItemContent content = value is AbstractType type ? new ContentType(type) : ContentEmbed.FromValue(value);
                            InsertContent(transaction, position, content, new OrderedDictionary<string, object?>(attributes));
                        }
                    }
                }
                else if (op.Retain is { } retain)
                {
                    FormatText(transaction, position, retain, attributes);
                }
                else if (op.Delete is { } count)
                {
                    DeleteText(transaction, position, count);
                }
            }
        });
    }

    /// <summary>The content as Quill delta operations (text runs and embeds, with their attributes).</summary>
    public IReadOnlyList<YDeltaOp> ToDelta()
    {
        var ops = new List<YDeltaOp>();
        var current = new OrderedDictionary<string, object?>();
        var text = new StringBuilder();
        void PackText()
        {
            if (text.Length > 0)
            {
                ops.Add(new YDeltaOp(Insert: [text.ToString()], Attributes: current.Count > 0 ? new OrderedDictionary<string, object?>(current) : null));
                text.Clear();
            }
        }
        for (var n = Start; n is not null; n = n.Right)
        {
            if (n.Deleted)
            {
                continue;
            }
            switch (n.Content)
            {
                case ContentString s:
                    text.Append(s.Text);
                    break;
                case ContentType or ContentEmbed:
                    PackText();
                    ops.Add(new YDeltaOp(Insert: [n.Content.GetContent()[0]], Attributes: current.Count > 0 ? new OrderedDictionary<string, object?>(current) : null));
                    break;
                case ContentFormat format:
                    PackText();
                    TextAttributes.Update(current, format);
                    break;
            }
        }
        PackText();
        return ops;
    }

    // ---- the map part: attributes of the text itself ----

    public void SetAttribute(string name, object? value)
    {
        if (!Defer(() => SetAttribute(name, value)))
        {
            RequireDoc().Transact(t => MapSet(t, name, value));
        }
    }

    public object? GetAttribute(string name) => MapTryGet(name, out var value) ? value : null;

    public void RemoveAttribute(string name)
    {
        if (!Defer(() => RemoveAttribute(name)))
        {
            RequireDoc().Transact(t => MapDelete(t, name));
        }
    }

    internal override void CallObserver(Transaction transaction, HashSet<string?> parentSubs)
    {
        base.CallObserver(transaction, parentSubs);
        CallTypeObservers(transaction, new YTextEvent(this, transaction));
        if (!transaction.Local && HasFormatting)
        {
            transaction.NeedFormattingCleanup = true;
        }
    }

    // ---- the algorithms of yjs's YText ----

    private TextPosition FindPosition(Transaction transaction, int index, bool useSearchMarker)
    {
        var attributes = new OrderedDictionary<string, object?>();
        var marker = useSearchMarker ? SearchMarker.Find(this, index) : null;
        if (marker is not null)
        {
            return FindNextPosition(transaction, new TextPosition(marker.Item.Left, marker.Item, marker.Index, attributes), index - marker.Index);
        }
        return FindNextPosition(transaction, new TextPosition(null, Start, 0, attributes), index);
    }

    private static TextPosition FindNextPosition(Transaction transaction, TextPosition position, int count)
    {
        while (position.Right is not null && count > 0)
        {
            var right = position.Right;
            if (!right.Deleted)
            {
                if (right.Content is ContentFormat format)
                {
                    TextAttributes.Update(position.CurrentAttributes, format);
                }
                else
                {
                    if (count < right.Length)
                    {
                        transaction.Doc.Store.GetItemCleanStart(transaction, new Id(right.Id.Client, right.Id.Clock + count));
                    }
                    position.Index += right.Length;
                    count -= right.Length;
                }
            }
            position.Left = right;
            position.Right = right.Right;
        }
        return position;
    }

    private Item NewItemAt(Transaction transaction, TextPosition position, ItemContent content) =>
        NewItem(transaction.Doc, position.Left, position.Right, this, null, content);

    private void InsertContent(Transaction transaction, TextPosition position, ItemContent content, OrderedDictionary<string, object?> attributes)
    {
        foreach (var key in position.CurrentAttributes.Keys)
        {
            if (!attributes.ContainsKey(key))
            {
                attributes[key] = null;
            }
        }
        MinimizeAttributeChanges(position, attributes);
        var negated = InsertAttributes(transaction, position, attributes);
        var index = position.Index;
        if (SearchMarkers is { } markers)
        {
            SearchMarker.UpdateChanges(markers, position.Index, content.Length);
        }
        var item = NewItemAt(transaction, position, content);
        item.Integrate(transaction, 0);
        position.Right = item;
        position.Index = index;
        position.Forward();
        InsertNegatedAttributes(transaction, position, negated);
    }

    private static void MinimizeAttributeChanges(TextPosition position, OrderedDictionary<string, object?> attributes)
    {
        while (position.Right is { } right
            && (right.Deleted || (right.Content is ContentFormat format && TextAttributes.Equal(attributes.GetValueOrDefault(format.Key), format.Value))))
        {
            position.Forward();
        }
    }

    private OrderedDictionary<string, object?> InsertAttributes(Transaction transaction, TextPosition position, OrderedDictionary<string, object?> attributes)
    {
        var negated = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in attributes)
        {
            var current = position.CurrentAttributes.GetValueOrDefault(key);
            if (!TextAttributes.Equal(current, value))
            {
                negated[key] = current;
                position.Right = NewItemAt(transaction, position, ContentFormat.FromValue(key, value));
                position.Right.Integrate(transaction, 0);
                position.Forward();
            }
        }
        return negated;
    }

    private void InsertNegatedAttributes(Transaction transaction, TextPosition position, OrderedDictionary<string, object?> negated)
    {
        while (position.Right is { } right
            && (right.Deleted || (right.Content is ContentFormat format && negated.TryGetValue(format.Key, out var wanted) && TextAttributes.Equal(wanted, format.Value))))
        {
            if (!right.Deleted)
            {
                negated.Remove(((ContentFormat)right.Content).Key);
            }
            position.Forward();
        }
        foreach (var (key, value) in negated)
        {
            var item = NewItemAt(transaction, position, ContentFormat.FromValue(key, value));
            item.Integrate(transaction, 0);
            position.Right = item;
            position.Forward();
        }
    }

    private void FormatText(Transaction transaction, TextPosition position, int length, OrderedDictionary<string, object?> attributes)
    {
        MinimizeAttributeChanges(position, attributes);
        var negated = InsertAttributes(transaction, position, attributes);
        while (position.Right is { } right && (length > 0 || (negated.Count > 0 && (right.Deleted || right.Content is ContentFormat))))
        {
            if (!right.Deleted)
            {
                if (right.Content is ContentFormat format)
                {
                    if (attributes.TryGetValue(format.Key, out var wanted))
                    {
                        if (TextAttributes.Equal(wanted, format.Value))
                        {
                            negated.Remove(format.Key);
                        }
                        else
                        {
                            if (length == 0)
                            {
                                break;
                            }
                            negated[format.Key] = format.Value;
                        }
                        right.Delete(transaction);
                    }
                    else
                    {
                        position.CurrentAttributes[format.Key] = format.Value;
                    }
                }
                else
                {
                    if (length < right.Length)
                    {
                        transaction.Doc.Store.GetItemCleanStart(transaction, new Id(right.Id.Client, right.Id.Clock + length));
                    }
                    length -= right.Length;
                }
            }
            position.Forward();
        }
        if (length > 0)
        {
            // Quill assumes a trailing newline: formatting past the end adds the missing ones.
            var item = NewItemAt(transaction, position, new ContentString(new string('\n', length)));
            item.Integrate(transaction, 0);
            position.Right = item;
            position.Forward();
        }
        InsertNegatedAttributes(transaction, position, negated);
    }

    private static void DeleteText(Transaction transaction, TextPosition position, int length)
    {
        var startLength = length;
        var startAttributes = new OrderedDictionary<string, object?>(position.CurrentAttributes);
        var start = position.Right;
        while (length > 0 && position.Right is { } right)
        {
            if (!right.Deleted && right.Content is ContentType or ContentEmbed or ContentString)
            {
                if (length < right.Length)
                {
                    transaction.Doc.Store.GetItemCleanStart(transaction, new Id(right.Id.Client, right.Id.Clock + length));
                }
                length -= right.Length;
                right.Delete(transaction);
            }
            position.Forward();
        }
        if (start is not null)
        {
            CleanupFormattingGap(transaction, start, position.Right, startAttributes, position.CurrentAttributes);
        }
        var parent = (YText)(position.Left ?? position.Right)!.Parent!;
        if (parent.SearchMarkers is { } markers)
        {
            SearchMarker.UpdateChanges(markers, position.Index, -startLength + length);
        }
    }

    /// <summary>Deletes format markers between two content items that are overwritten or change nothing.</summary>
    private static int CleanupFormattingGap(Transaction transaction, Item start, Item? current, OrderedDictionary<string, object?> startAttributes, OrderedDictionary<string, object?> currentAttributes)
    {
        Item? end = start;
        var endFormats = new Dictionary<string, ContentFormat>(StringComparer.Ordinal);
        while (end is not null && (!end.Countable || end.Deleted))
        {
            if (!end.Deleted && end.Content is ContentFormat endFormat)
            {
                endFormats[endFormat.Key] = endFormat;
            }
            end = end.Right;
        }
        var cleanups = 0;
        var reachedCurrent = false;
        for (Item? n = start; n != end; n = n.Right)
        {
            if (current == n)
            {
                reachedCurrent = true;
            }
            if (n!.Deleted || n.Content is not ContentFormat format)
            {
                continue;
            }
            var startValue = startAttributes.GetValueOrDefault(format.Key);
            if (endFormats.GetValueOrDefault(format.Key) != format || TextAttributes.StrictEquals(startValue, format.Value))
            {
                n.Delete(transaction);
                cleanups++;
                if (!reachedCurrent && TextAttributes.StrictEquals(currentAttributes.GetValueOrDefault(format.Key), format.Value) && !TextAttributes.StrictEquals(startValue, format.Value))
                {
                    if (startValue is null)
                    {
                        currentAttributes.Remove(format.Key);
                    }
                    else
                    {
                        currentAttributes[format.Key] = startValue;
                    }
                }
            }
            if (!reachedCurrent && !n.Deleted)
            {
                TextAttributes.Update(currentAttributes, format);
            }
        }
        return cleanups;
    }

    /// <summary>After a remote change to formatted text: remove markers that became redundant, as yjs does.</summary>
    internal static void CleanupAfterTransaction(Transaction transaction)
    {
        var needFullCleanup = new HashSet<YText>(ReferenceEqualityComparer.Instance);
        var doc = transaction.Doc;
        foreach (var (client, afterClock) in transaction.AfterState)
        {
            var clock = transaction.BeforeStateOf(client);
            if (afterClock == clock)
            {
                continue;
            }
            // yjs passes the end clock where a length is expected; the walk simply runs to the end.
            IterateStructs(transaction, doc.Store.Clients[client], clock, afterClock, s =>
            {
                if (s is Item { Deleted: false, Content: ContentFormat, Parent: YText text })
                {
                    needFullCleanup.Add(text);
                }
            });
        }
        doc.Transact(t =>
        {
            foreach (var (client, ranges) in transaction.DeleteSet.Clients)
            {
                var structs = doc.Store.Clients[client];
                foreach (var range in ranges)
                {
                    IterateStructs(transaction, structs, range.Clock, range.Length, s =>
                    {
                        if (s is not Item { Parent: YText { HasFormatting: true } parent } item || needFullCleanup.Contains(parent))
                        {
                            return;
                        }
                        if (item.Content is ContentFormat)
                        {
                            needFullCleanup.Add(parent);
                        }
                        else
                        {
                            CleanupContextlessFormattingGap(t, item);
                        }
                    });
                }
            }
            foreach (var text in needFullCleanup)
            {
                text.CleanupFormatting(t);
            }
        });
    }

    private static void IterateStructs(Transaction transaction, List<StructBase> structs, long clockStart, long length, Action<StructBase> visit)
    {
        if (length == 0)
        {
            return;
        }
        var clockEnd = clockStart + length;
        var index = StructStore.FindIndexCleanStart(transaction, structs, clockStart);
        StructBase s;
        do
        {
            s = structs[index++];
            if (clockEnd < s.Id.Clock + s.Length)
            {
                StructStore.FindIndexCleanStart(transaction, structs, clockEnd);
            }
            visit(s);
        }
        while (index < structs.Count && structs[index].Id.Clock < clockEnd);
    }

    private static void CleanupContextlessFormattingGap(Transaction transaction, Item? item)
    {
        while (item?.Right is { } right && (right.Deleted || !right.Countable))
        {
            item = right;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (item is not null && (item.Deleted || !item.Countable))
        {
            if (!item.Deleted && item.Content is ContentFormat format && !seen.Add(format.Key))
            {
                item.Delete(transaction);
            }
            item = item.Left;
        }
    }

    private int CleanupFormatting(Transaction transaction)
    {
        var cleanups = 0;
        var start = Start;
        var startAttributes = new OrderedDictionary<string, object?>();
        var currentAttributes = new OrderedDictionary<string, object?>();
        for (var end = Start; end is not null; end = end.Right)
        {
            if (end.Deleted)
            {
                continue;
            }
            if (end.Content is ContentFormat format)
            {
                TextAttributes.Update(currentAttributes, format);
            }
            else
            {
                cleanups += CleanupFormattingGap(transaction, start!, end, startAttributes, currentAttributes);
                startAttributes = new OrderedDictionary<string, object?>(currentAttributes);
                start = end;
            }
        }
        return cleanups;
    }
}
