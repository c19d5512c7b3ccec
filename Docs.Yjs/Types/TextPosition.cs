using Docs.Yjs.Content;
using Docs.Yjs.Structs;

namespace Docs.Yjs.Types;

/// <summary>A cursor in rich text: the items around it, its index, and the attributes in effect there.</summary>
internal sealed class TextPosition(Item? left, Item? right, int index, OrderedDictionary<string, object?> currentAttributes)
{
    public Item? Left { get; set; } = left;

    public Item? Right { get; set; } = right;

    public int Index { get; set; } = index;

    public OrderedDictionary<string, object?> CurrentAttributes { get; } = currentAttributes;

    public void Forward()
    {
        var right = Right ?? throw new InvalidOperationException("Cannot move past the end of the text.");
        if (!right.Deleted)
        {
            if (right.Content is ContentFormat format)
            {
                TextAttributes.Update(CurrentAttributes, format);
            }
            else
            {
                Index += right.Length;
            }
        }
        Left = right;
        Right = right.Right;
    }
}

/// <summary>Attribute maps of rich text, compared the way yjs compares them.</summary>
internal static class TextAttributes
{
    public static void Update(OrderedDictionary<string, object?> attributes, ContentFormat format)
    {
        if (format.Value is null)
        {
            attributes.Remove(format.Key);
        }
        else
        {
            // Like a JS Map: setting an existing key keeps its position.
            attributes[format.Key] = format.Value;
        }
    }

    /// <summary>JavaScript's <c>===</c>: primitives by value, objects by reference.</summary>
    public static bool StrictEquals(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        _ when Encoding.JsNumber.TryGet(a, out var x) && Encoding.JsNumber.TryGet(b, out var y) => x == y,
        _ => ReferenceEquals(a, b),
    };

    /// <summary>yjs's <c>equalAttrs</c>: strict equality, or the same flat object.</summary>
    public static bool Equal(object? a, object? b)
    {
        if (StrictEquals(a, b))
        {
            return true;
        }
        if (a is IDictionary<string, object?> x && b is IDictionary<string, object?> y)
        {
            return x.Count == y.Count && x.All(entry => y.TryGetValue(entry.Key, out var other) && StrictEquals(entry.Value, other));
        }
        return false;
    }
}
