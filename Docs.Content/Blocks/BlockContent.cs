namespace Docs.Content.Blocks;

/// <summary>What a block holds besides its props and children.</summary>
public abstract record BlockContent;

/// <summary>Text with styles, links and inline nodes: paragraphs, headings, list items, quotes, code.</summary>
public sealed record RichText(IReadOnlyList<InlineNode> Nodes) : BlockContent
{
    public static readonly RichText Empty = new([]);

    public static RichText Plain(string text) => new(text.Length == 0 ? [] : [new StyledText(text, Styles.None)]);

    /// <summary>The text without styles, line breaks as <c>\n</c>.</summary>
    public string ToPlainText() => InlineNode.PlainText(Nodes);
}

/// <summary>
/// Content of a block type this model does not know, as it was read (the XML nodes inside the block's
/// element): written back unchanged, so that a round trip never drops it.
/// </summary>
public sealed record PreservedContent(IReadOnlyList<PreservedNode> Nodes) : BlockContent
{
    /// <summary>The text inside, for exports that show what they cannot interpret.</summary>
    public string ToPlainText()
    {
        var builder = new System.Text.StringBuilder();
        var pending = new Stack<PreservedNode>(Nodes.Reverse());
        while (pending.TryPop(out var node))
        {
            if (node is PreservedText text)
            {
                foreach (var run in text.Runs)
                {
                    builder.Append(run.Insert as string);
                }
            }
            else if (node is PreservedElement element)
            {
                foreach (var child in element.Children.Reverse())
                {
                    pending.Push(child);
                }
            }
        }
        return builder.ToString();
    }
}
