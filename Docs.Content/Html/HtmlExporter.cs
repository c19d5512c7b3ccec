using System.Globalization;
using System.Text;
using Docs.Content.Blocks;

namespace Docs.Content.Html;

/// <summary>
/// Blocks as clean, semantic HTML: lists grouped into <c>ul</c>/<c>ol</c> with their nested items, task
/// items with checkboxes, toggles as <c>details</c>, tables with header cells and spans, media in
/// figures; colours and alignment as inline styles. Link and media addresses pass <see cref="SafeUrl"/>.
/// </summary>
public static class HtmlExporter
{
    /// <summary>The blocks as an HTML fragment (what <c>formatted-content</c> returns).</summary>
    public static string ToHtml(IReadOnlyList<Block> blocks)
    {
        var html = new StringBuilder();
        RenderBlocks(html, blocks);
        return html.ToString();
    }

    /// <summary>A standalone page: the title, the blocks, and a style sheet that needs nothing else.</summary>
    public static string ToPage(IReadOnlyList<Block> blocks, string title, string language = "en")
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(HtmlText.Escape(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(HtmlText.Escape(title)).Append("</title>\n<style>\n").Append(HtmlPageStyle.Css).Append("</style>\n</head>\n")
            .Append("<body>\n<article class=\"document\">\n<h1 class=\"document-title\">").Append(HtmlText.Escape(title)).Append("</h1>\n");
        RenderBlocks(html, blocks);
        html.Append("</article>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void RenderBlocks(StringBuilder html, IReadOnlyList<Block> blocks)
    {
        for (var i = 0; i < blocks.Count;)
        {
            var type = blocks[i].Type;
            if (type is BlockTypes.BulletListItem or BlockTypes.NumberedListItem or BlockTypes.CheckListItem)
            {
                var end = i;
                while (end < blocks.Count && blocks[end].Type == type)
                {
                    end++;
                }
                List(html, blocks, i, end);
                i = end;
                continue;
            }
            Block(html, blocks[i]);
            i++;
        }
    }

    private static void List(StringBuilder html, IReadOnlyList<Block> blocks, int start, int end)
    {
        var first = blocks[start];
        var tag = first.Type == BlockTypes.NumberedListItem ? "ol" : "ul";
        html.Append('<').Append(tag);
        if (first.Type == BlockTypes.CheckListItem)
        {
            html.Append(" class=\"checklist\"");
        }
        if (first.Type == BlockTypes.NumberedListItem && first.Props.GetInt("start") is { } number and not 1)
        {
            html.Append(" start=\"").Append(number.ToString(CultureInfo.InvariantCulture)).Append('"');
        }
        html.Append(">\n");
        for (var i = start; i < end; i++)
        {
            var item = blocks[i];
            html.Append("<li").Append(BlockStyle(item)).Append('>');
            if (item.Type == BlockTypes.CheckListItem)
            {
                html.Append(item.Props.GetBool("checked") ? "<input type=\"checkbox\" checked disabled> " : "<input type=\"checkbox\" disabled> ");
            }
            HtmlInline.Render(html, item.Inline);
            if (item.Children.Count > 0)
            {
                html.Append('\n');
                RenderBlocks(html, item.Children);
            }
            html.Append("</li>\n");
        }
        html.Append("</").Append(tag).Append(">\n");
    }

    private static void Block(StringBuilder html, Block block)
    {
        var style = BlockStyle(block);
        switch (block.Type)
        {
            case BlockTypes.Heading when block.Props.GetBool("isToggleable"):
                html.Append("<details open>\n<summary>");
                Heading(html, block, style);
                html.Append("</summary>\n");
                RenderBlocks(html, block.Children);
                html.Append("</details>\n");
                return;
            case BlockTypes.ToggleListItem:
                html.Append("<details open").Append(style).Append(">\n<summary>");
                HtmlInline.Render(html, block.Inline);
                html.Append("</summary>\n");
                RenderBlocks(html, block.Children);
                html.Append("</details>\n");
                return;
            case BlockTypes.Heading:
                Heading(html, block, style);
                html.Append('\n');
                break;
            case BlockTypes.Quote:
                Wrap(html, "blockquote", style, block.Inline);
                break;
            case BlockTypes.CodeBlock:
                var language = block.Props.GetString("language") is { Length: > 0 } name && name != "text" ? $" class=\"language-{HtmlText.Escape(name)}\"" : "";
                html.Append("<pre><code").Append(language).Append('>').Append(HtmlText.Escape(InlineNode.PlainText(block.Inline))).Append("</code></pre>\n");
                break;
            case BlockTypes.Table when block.Content is TableContent table:
                HtmlTable.Render(html, table, style);
                break;
            case BlockTypes.Image or BlockTypes.Video or BlockTypes.Audio or BlockTypes.File:
                HtmlMedia.Render(html, block, style);
                break;
            case BlockTypes.Divider:
                html.Append("<hr>\n");
                break;
            case BlockTypes.PageBreak:
                html.Append("<div class=\"page-break\"></div>\n");
                break;
            case var _ when block.Content is PreservedContent preserved:
                html.Append("<div class=\"unknown-block\">").Append(HtmlText.Escape(preserved.ToPlainText())).Append("</div>\n");
                break;
            default:
                Wrap(html, "p", style, block.Inline);
                break;
        }
        if (block.Children.Count > 0)
        {
            // BlockNote nests blocks under any block; HTML has no such nesting outside lists: an indented group.
            html.Append("<div class=\"children\">\n");
            RenderBlocks(html, block.Children);
            html.Append("</div>\n");
        }
    }

    private static void Heading(StringBuilder html, Block block, string style)
    {
        var level = Math.Clamp(block.Props.GetInt("level") ?? 1, 1, 6).ToString(CultureInfo.InvariantCulture);
        html.Append("<h").Append(level).Append(style).Append('>');
        HtmlInline.Render(html, block.Inline);
        html.Append("</h").Append(level).Append('>');
    }

    private static void Wrap(StringBuilder html, string tag, string style, IReadOnlyList<InlineNode> content)
    {
        html.Append('<').Append(tag).Append(style).Append('>');
        HtmlInline.Render(html, content);
        html.Append("</").Append(tag).Append(">\n");
    }

    /// <summary>The block's colours and alignment as a style attribute (with its leading space), or nothing.</summary>
    internal static string BlockStyle(Block block)
    {
        var style = HtmlInline.Style(BlockColors.Text(block.Props.GetString("textColor")), BlockColors.Background(block.Props.GetString("backgroundColor")));
        if (block.Props.GetString("textAlignment") is "center" or "right" or "justify" && block.Props.GetString("textAlignment") is { } alignment)
        {
            style += (style.Length > 0 ? " " : "") + "text-align: " + alignment + ";";
        }
        return style.Length == 0 ? "" : $" style=\"{HtmlText.Escape(style)}\"";
    }
}
