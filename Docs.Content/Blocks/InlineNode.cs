using System.Text;

namespace Docs.Content.Blocks;

/// <summary>One piece of a block's rich text.</summary>
public abstract record InlineNode
{
    /// <summary>The text of the runs and links; nodes of other kinds give what <paramref name="custom"/> says of them, or nothing.</summary>
    public static string PlainText(IEnumerable<InlineNode> nodes, Func<CustomInline, string>? custom = null)
    {
        var builder = new StringBuilder();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case StyledText text:
                    builder.Append(text.Text);
                    break;
                case Link link:
                    foreach (var part in link.Content)
                    {
                        builder.Append(part.Text);
                    }
                    break;
                case CustomInline other when custom is not null:
                    builder.Append(custom(other));
                    break;
            }
        }
        return builder.ToString();
    }
}

/// <summary>A run of text with one set of styles; <c>\n</c> is a line break (a hard break in the editor).</summary>
public sealed record StyledText(string Text, Styles Styles) : InlineNode;

/// <summary>A link: styled runs under one target.</summary>
public sealed record Link(string Href, IReadOnlyList<StyledText> Content) : InlineNode;

/// <summary>
/// An inline node this model does not know (a mention, a link to another page...): its type and props as
/// BlockNote would show them, and the element it was read from, written back unchanged.
/// </summary>
public sealed record CustomInline(string Type, BlockProps Props, PreservedElement Source) : InlineNode;
