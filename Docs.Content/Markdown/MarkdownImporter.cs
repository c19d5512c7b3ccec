using Docs.Content.Blocks;
using Markdig;
using Markdig.Syntax;
using Block = Docs.Content.Blocks.Block;
using MarkdigTable = Markdig.Extensions.Tables.Table;

namespace Docs.Content.Markdown;

/// <summary>
/// Markdown (CommonMark + GFM tables, task lists and strikethrough, read by Markdig) as blocks, the way
/// BlockNote's own Markdown import shapes them: list items nest their sub-lists as children, a quote's
/// paragraphs are one quote block, an image alone in a paragraph is an image block named by its alt text.
/// Raw HTML is kept as text, never interpreted.
/// </summary>
public static class MarkdownImporter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .Build();

    /// <exception cref="ContentTooDeepException">The Markdown nests deeper than the model reads.</exception>
    public static IReadOnlyList<Block> ToBlocks(string markdown)
    {
        if (MarkdownNesting.IsTooDeep(markdown))
        {
            throw new ContentTooDeepException(MarkdownNesting.MaxDepth);
        }
        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException ex)
        {
            // Markdig refuses input nested beyond its own depth limit with an ArgumentException.
            throw new ContentTooDeepException("The Markdown nests too deeply, or one paragraph holds too much markup, to be read.", ex);
        }
        var blocks = new List<Block>();
        AddBlocks(blocks, document, 0);
        return blocks;
    }

    private static void AddBlocks(List<Block> blocks, IEnumerable<Markdig.Syntax.Block> container, int depth)
    {
        if (depth > ContentTooDeepException.MaxDepth)
        {
            throw new ContentTooDeepException(ContentTooDeepException.MaxDepth);
        }
        foreach (var node in container)
        {
            switch (node)
            {
                case HeadingBlock heading:
                    blocks.Add(Block.Create(BlockTypes.Heading, new RichText(MarkdownInlineReader.Read(heading.Inline)),
                        BlockSchema.DefaultProps(BlockTypes.Heading).With("level", (long)Math.Clamp(heading.Level, 1, 6))));
                    break;
                case ParagraphBlock paragraph:
                    blocks.Add(MarkdownInlineReader.StandaloneImage(paragraph.Inline) is { } image
                        ? image
                        : Block.Create(BlockTypes.Paragraph, new RichText(MarkdownInlineReader.Read(paragraph.Inline))));
                    break;
                case QuoteBlock quote:
                    AddQuote(blocks, quote, depth);
                    break;
                case ListBlock list:
                    AddList(blocks, list, depth);
                    break;
                case FencedCodeBlock fenced:
                    blocks.Add(Code(fenced, fenced.Info));
                    break;
                case CodeBlock code:
                    blocks.Add(Code(code, null));
                    break;
                case HtmlBlock html:
                    blocks.Add(Block.Create(BlockTypes.Paragraph, RichText.Plain(html.Lines.ToString())));
                    break;
                case ThematicBreakBlock:
                    blocks.Add(Block.Create(BlockTypes.Divider));
                    break;
                case MarkdigTable table:
                    blocks.Add(MarkdownTableReader.Read(table));
                    break;
                case ContainerBlock other:
                    AddBlocks(blocks, other, depth + 1);
                    break;
            }
        }
    }

    /// <summary>A quote's paragraphs make one quote block (lines joined); what else it holds follows as its children.</summary>
    private static void AddQuote(List<Block> blocks, QuoteBlock quote, int depth)
    {
        var content = new List<InlineNode>();
        var children = new List<Block>();
        foreach (var node in quote)
        {
            if (node is ParagraphBlock paragraph && children.Count == 0)
            {
                if (content.Count > 0)
                {
                    content.Add(new StyledText("\n", Styles.None));
                }
                content.AddRange(MarkdownInlineReader.Read(paragraph.Inline));
            }
            else
            {
                AddBlocks(children, [node], depth + 1);
            }
        }
        blocks.Add(Block.Create(BlockTypes.Quote, new RichText(MarkdownInlineReader.Merge(content)), children: children));
    }

    private static void AddList(List<Block> blocks, ListBlock list, int depth)
    {
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, out var start) ? start : 1;
        var first = true;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var content = new List<InlineNode>();
            var children = new List<Block>();
            bool? task = null;
            foreach (var node in item)
            {
                if (node is ParagraphBlock paragraph && content.Count == 0 && children.Count == 0)
                {
                    (task, var inline) = MarkdownInlineReader.ReadListItem(paragraph.Inline);
                    content.AddRange(inline);
                }
                else
                {
                    AddBlocks(children, [node], depth + 1);
                }
            }
            var type = task is not null ? BlockTypes.CheckListItem : list.IsOrdered ? BlockTypes.NumberedListItem : BlockTypes.BulletListItem;
            var props = BlockSchema.DefaultProps(type);
            if (task is { } isChecked)
            {
                props = props.With("checked", isChecked);
            }
            if (type == BlockTypes.NumberedListItem && first && number != 1)
            {
                props = props.With("start", (long)number);
            }
            blocks.Add(Block.Create(type, new RichText(content), props, children));
            first = false;
        }
    }

    private static Block Code(LeafBlock code, string? language)
    {
        var props = BlockSchema.DefaultProps(BlockTypes.CodeBlock);
        if (!string.IsNullOrWhiteSpace(language))
        {
            props = props.With("language", language.Trim());
        }
        return Block.Create(BlockTypes.CodeBlock, RichText.Plain(code.Lines.ToString()), props);
    }
}
