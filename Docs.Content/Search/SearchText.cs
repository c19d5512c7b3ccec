using System.Text;
using Docs.Content.Blocks;
using Docs.Content.Yjs;

namespace Docs.Content.Search;

/// <summary>
/// A document's words for full-text search, in two parts weighted differently: the text of its headings,
/// and everything else (paragraphs, lists, quotes, code, table cells, media names and captions, and the
/// text inside blocks and inline nodes this model does not know). One line per block, in reading order.
/// </summary>
public sealed record SearchText(string Headings, string Body)
{
    public static readonly SearchText Empty = new("", "");

    /// <summary>The search text of a document's Yjs state (one v1 update), or empty for a document never written.</summary>
    public static SearchText FromState(byte[]? state) => state is null ? Empty : FromBlocks(BlockNoteYjs.Read(state));

    public static SearchText FromBlocks(IReadOnlyList<Block> blocks)
    {
        var headings = new StringBuilder();
        var body = new StringBuilder();
        // Depth-first without recursion: documents may nest deeply.
        var pending = new Stack<Block>(blocks.Reverse());
        while (pending.TryPop(out var block))
        {
            var target = block.Type == BlockTypes.Heading ? headings : body;
            AppendBlock(target, block);
            foreach (var child in block.Children.Reverse())
            {
                pending.Push(child);
            }
        }
        return new SearchText(headings.ToString().TrimEnd(), body.ToString().TrimEnd());
    }

    private static void AppendBlock(StringBuilder target, Block block)
    {
        switch (block.Content)
        {
            case RichText text:
                AppendLine(target, Inline(text.Nodes));
                break;
            case TableContent table:
                foreach (var row in table.Rows)
                {
                    AppendLine(target, string.Join(" ", row.Cells.Select(cell => Inline(cell.Content))));
                }
                break;
            case PreservedContent preserved:
                AppendLine(target, preserved.ToPlainText());
                break;
        }
        if (BlockTypes.IsMedia(block.Type))
        {
            // What a reader sees of a file: its name and caption (never its URL).
            AppendLine(target, $"{Prop(block, "name")} {Prop(block, "caption")}");
        }
    }

    /// <summary>Rich text as plain words: styled runs, link texts, and the text inside unknown inline nodes (mentions...).</summary>
    private static string Inline(IReadOnlyList<InlineNode> nodes) =>
        InlineNode.PlainText(nodes, custom => $" {new PreservedContent([custom.Source]).ToPlainText()} ");

    private static string Prop(Block block, string name) => block.Props.TryGetValue(name, out var value) && value is string text ? text : "";

    private static void AppendLine(StringBuilder target, string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length > 0)
        {
            target.Append(trimmed.Replace('\n', ' ')).Append('\n');
        }
    }
}
