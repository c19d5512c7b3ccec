using System.Globalization;
using System.Text;
using Docs.Content.Blocks;

namespace Docs.Content.Markdown;

/// <summary>
/// Blocks as CommonMark with GFM tables, task lists and strikethrough. What Markdown cannot hold is
/// approximated as BlockNote's own Markdown export does: colours and alignment are dropped, children of
/// blocks other than list items follow their parent, toggles are list items, media are links (images
/// are images), page breaks are left out.
/// </summary>
public static class MarkdownExporter
{
    public static string ToMarkdown(IReadOnlyList<Block> blocks)
    {
        var markdown = RenderBlocks(blocks);
        return markdown.Length == 0 ? "" : markdown + "\n";
    }

    private static string RenderBlocks(IReadOnlyList<Block> blocks)
    {
        var builder = new StringBuilder();
        string? previousList = null;
        var number = 0;
        foreach (var block in blocks)
        {
            var list = ListKind(block.Type);
            number = block.Type == BlockTypes.NumberedListItem
                ? previousList == BlockTypes.NumberedListItem ? number + 1 : block.Props.GetInt("start") ?? 1
                : 0;
            var rendered = RenderBlock(block, number);
            if (rendered.Length == 0)
            {
                continue;
            }
            if (builder.Length > 0)
            {
                // Items of one list stay together (a tight list); everything else is a block of its own.
                builder.Append(list is not null && list == previousList ? "\n" : "\n\n");
            }
            builder.Append(rendered);
            previousList = list;
        }
        return builder.ToString();
    }

    /// <summary>Which Markdown list a block continues: bullets, task items and toggles are one kind of list.</summary>
    private static string? ListKind(string type) => type switch
    {
        BlockTypes.NumberedListItem => BlockTypes.NumberedListItem,
        BlockTypes.BulletListItem or BlockTypes.CheckListItem or BlockTypes.ToggleListItem => BlockTypes.BulletListItem,
        _ => null,
    };

    private static string RenderBlock(Block block, int number)
    {
        if (BlockTypes.IsListItem(block.Type))
        {
            return ListItem(block, number);
        }
        var own = block.Type switch
        {
            BlockTypes.Heading => Heading(block),
            BlockTypes.Quote => Quote(block),
            BlockTypes.CodeBlock => CodeBlock(block),
            BlockTypes.Table when block.Content is TableContent table => MarkdownTable.Render(table),
            BlockTypes.Image => Image(block),
            BlockTypes.Video or BlockTypes.Audio or BlockTypes.File => MediaLink(block),
            BlockTypes.Divider => "---",
            BlockTypes.PageBreak => "",
            _ when block.Content is PreservedContent preserved => MarkdownText.Escape(preserved.ToPlainText().ReplaceLineEndings(" "), atLineStart: true, inTable: false),
            _ => MarkdownInline.Render(block.Inline, LineBreaks.Hard),
        };
        var children = RenderBlocks(block.Children);
        return own.Length == 0 ? children : children.Length == 0 ? own : own + "\n\n" + children;
    }

    private static string ListItem(Block block, int number)
    {
        var marker = block.Type switch
        {
            BlockTypes.NumberedListItem => Math.Clamp(number, 0, 999_999_999).ToString(CultureInfo.InvariantCulture) + ". ",
            BlockTypes.CheckListItem => block.Props.GetBool("checked") ? "- [x] " : "- [ ] ",
            _ => "- ",
        };
        // Continuation lines and nested blocks line up with the item's text (for a task item, after "- ").
        var indent = new string(' ', block.Type == BlockTypes.CheckListItem ? 2 : marker.Length);
        var text = MarkdownInline.Render(block.Inline, LineBreaks.Hard);
        var builder = new StringBuilder(text.Length == 0 ? marker.TrimEnd() : marker);
        builder.Append(Indent(text, indent, indentFirst: false));
        if (block.Children.Count > 0)
        {
            // A nested list follows at once; anything else after a blank line, or it would continue the item's paragraph.
            builder.Append(ListKind(block.Children[0].Type) is not null ? "\n" : "\n\n");
            builder.Append(Indent(RenderBlocks(block.Children), indent, indentFirst: true));
        }
        return builder.ToString();
    }

    private static string Heading(Block block)
    {
        var level = Math.Clamp(block.Props.GetInt("level") ?? 1, 1, 6);
        var text = MarkdownInline.Render(block.Inline, LineBreaks.Space);
        return new string('#', level) + (text.Length > 0 ? " " + text : "");
    }

    private static string Quote(Block block)
    {
        var text = MarkdownInline.Render(block.Inline, LineBreaks.Hard);
        return string.Join('\n', text.Split('\n').Select(line => line.Length == 0 ? ">" : "> " + line));
    }

    private static string CodeBlock(Block block)
    {
        var code = InlineNode.PlainText(block.Inline);
        var fence = new string('`', Math.Max(3, MarkdownText.LongestRun(code, '`') + 1));
        var language = block.Props.GetString("language") is { Length: > 0 } name && name != "text" ? name.Replace("`", "", StringComparison.Ordinal) : "";
        return $"{fence}{language}\n{code}{(code.Length == 0 || code.EndsWith('\n') ? "" : "\n")}{fence}";
    }

    private static string Image(Block block)
    {
        var url = block.Props.GetString("url") ?? "";
        if (url.Length == 0)
        {
            return "";
        }
        var alt = block.Props.GetString("caption") is { Length: > 0 } caption ? caption : block.Props.GetString("name") ?? "";
        return $"![{MarkdownText.Escape(alt.ReplaceLineEndings(" "), atLineStart: false, inTable: false)}]({MarkdownText.Destination(url)})";
    }

    private static string MediaLink(Block block)
    {
        var url = block.Props.GetString("url") ?? "";
        if (url.Length == 0)
        {
            return "";
        }
        var label = block.Props.GetString("name") is { Length: > 0 } name ? name : url;
        return $"[{MarkdownText.Escape(label.ReplaceLineEndings(" "), atLineStart: false, inTable: false)}]({MarkdownText.Destination(url)})";
    }

    private static string Indent(string text, string indent, bool indentFirst)
    {
        var lines = text.Split('\n');
        var builder = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('\n');
            }
            if ((i > 0 || indentFirst) && lines[i].Length > 0)
            {
                builder.Append(indent);
            }
            builder.Append(lines[i]);
        }
        return builder.ToString();
    }
}
