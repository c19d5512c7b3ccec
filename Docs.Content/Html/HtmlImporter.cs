using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Docs.Content.Blocks;

namespace Docs.Content.Html;

/// <summary>
/// HTML as blocks. The conversion is an allow-list: only the structure and styles blocks can hold are
/// taken (paragraphs, headings, lists with task items, quotes, code, tables, media, toggles; bold,
/// italic, underline, strike, code, links), text is text; scripts, styles, event handlers, forms and
/// everything else are left behind, and link and media targets pass <see cref="SafeUrl"/>.
/// </summary>
public static class HtmlImporter
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "noscript", "head", "title", "iframe", "object", "embed", "svg", "math", "button", "select", "textarea",
    };

    private static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "body", "div", "section", "article", "main", "header", "footer", "nav", "aside", "form", "fieldset", "center",
    };

    /// <exception cref="ContentTooDeepException">The HTML nests blocks deeper than the model reads.</exception>
    public static IReadOnlyList<Block> ToBlocks(string html)
    {
        if (HtmlNesting.IsTooDeep(html))
        {
            throw new ContentTooDeepException(HtmlNesting.MaxDepth);
        }
        var document = new HtmlParser().ParseDocument(html);
        var blocks = new List<Block>();
        AddBlocks(blocks, document.Body?.ChildNodes ?? (IEnumerable<INode>)[], 0);
        return blocks;
    }

    private static void AddBlocks(List<Block> blocks, IEnumerable<INode> nodes, int depth)
    {
        if (depth > ContentTooDeepException.MaxDepth)
        {
            throw new ContentTooDeepException(ContentTooDeepException.MaxDepth);
        }
        var loose = new List<INode>();
        void FlushLoose()
        {
            if (loose.Count > 0)
            {
                var inline = HtmlInlineReader.Read(loose);
                if (inline.Count > 0)
                {
                    blocks.Add(Block.Create(BlockTypes.Paragraph, new RichText(inline)));
                }
                loose.Clear();
            }
        }
        foreach (var node in nodes)
        {
            if (node is not IElement element || HtmlInlineReader.IsInline(element))
            {
                loose.Add(node);
                continue;
            }
            FlushLoose();
            var before = blocks.Count;
            AddElement(blocks, element, depth);
            if (blocks.Count == before + 1 && element.LocalName is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "figure" or "table")
            {
                blocks[^1] = WithBlockStyle(blocks[^1], element);
            }
        }
        FlushLoose();
    }

    /// <summary>A block's colours and alignment from its element's style attribute, as the HTML export writes them.</summary>
    private static Block WithBlockStyle(Block block, IElement element)
    {
        if (element.GetAttribute("style") is not { } style || BlockSchema.Find(block.Type) is not { } spec)
        {
            return block;
        }
        var (color, background) = HtmlInlineReader.Colors(style);
        var alignment = style.Split(';').Select(d => d.Split(':', 2)).Where(d => d.Length == 2 && d[0].Trim() == "text-align").Select(d => d[1].Trim()).FirstOrDefault();
        var props = block.Props;
        void Set(string name, string? value)
        {
            if (value is not null && spec.Props.Any(p => p.Name == name))
            {
                props = props.With(name, value);
            }
        }
        Set("textColor", BlockColors.FromCss(color, background: false));
        Set("backgroundColor", BlockColors.FromCss(background, background: true));
        Set("textAlignment", alignment is "center" or "right" or "justify" ? alignment : null);
        return block with { Props = props };
    }

    private static void AddElement(List<Block> blocks, IElement element, int depth)
    {
        var name = element.LocalName;
        switch (name)
        {
            case var _ when Skipped.Contains(name):
                return;
            case "div" when element.ClassList.Contains("children") && blocks.Count > 0:
                // What the HTML export writes for blocks nested under a block that is not a list item.
                var nested = new List<Block>();
                AddBlocks(nested, element.ChildNodes, depth + 1);
                blocks[^1] = blocks[^1] with { Children = [.. blocks[^1].Children, .. nested] };
                return;
            case var _ when Containers.Contains(name):
                AddBlocks(blocks, element.ChildNodes, depth + 1);
                return;
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                blocks.Add(Block.Create(BlockTypes.Heading, new RichText(HtmlInlineReader.Read(element.ChildNodes)),
                    BlockSchema.DefaultProps(BlockTypes.Heading).With("level", (long)(name[1] - '0'))));
                return;
            case "p" when element.ClassList.Contains("file") && element.QuerySelector("a[download]") is { } download:
                // What the HTML export writes for a file block.
                if (SafeUrl.Check(download.GetAttribute("href")) is { } fileUrl)
                {
                    var caption = element.QuerySelector("small")?.TextContent.Trim() ?? "";
                    var fileName = download.TextContent.Trim();
                    blocks.Add(Block.Create(BlockTypes.File, props: BlockSchema.DefaultProps(BlockTypes.File)
                        .With("url", fileUrl).With("name", fileName == fileUrl ? "" : fileName).With("caption", caption)));
                }
                return;
            case "p":
                blocks.Add(Block.Create(BlockTypes.Paragraph, new RichText(HtmlInlineReader.Read(element.ChildNodes))));
                return;
            case "ul" or "ol":
                AddList(blocks, element, depth);
                return;
            case "blockquote":
                blocks.Add(Block.Create(BlockTypes.Quote, new RichText(HtmlInlineReader.ReadLines(element.ChildNodes))));
                return;
            case "pre":
                var language = element.QuerySelector("code")?.ClassList.FirstOrDefault(c => c.StartsWith("language-", StringComparison.Ordinal))?["language-".Length..];
                var code = Block.Create(BlockTypes.CodeBlock, RichText.Plain(element.TextContent.TrimEnd('\n')));
                blocks.Add(language is { Length: > 0 } ? code with { Props = code.Props.With("language", language) } : code);
                return;
            case "hr":
                blocks.Add(Block.Create(BlockTypes.Divider));
                return;
            case "table":
                blocks.Add(HtmlTableReader.Read(element));
                return;
            case "figure":
                AddFigure(blocks, element);
                return;
            case "img" or "video" or "audio":
                AddMedia(blocks, element, caption: "");
                return;
            case "details":
                var summary = element.Children.FirstOrDefault(child => child.LocalName == "summary");
                var children = new List<Block>();
                AddBlocks(children, element.ChildNodes.Where(child => child != summary), depth + 1);
                if (summary?.QuerySelector("h1, h2, h3, h4, h5, h6") is { } heading)
                {
                    var toggle = Block.Create(BlockTypes.Heading, new RichText(HtmlInlineReader.Read(heading.ChildNodes)),
                        BlockSchema.DefaultProps(BlockTypes.Heading).With("level", (long)(heading.LocalName[1] - '0')).With("isToggleable", true), children);
                    blocks.Add(toggle);
                }
                else
                {
                    blocks.Add(Block.Create(BlockTypes.ToggleListItem, new RichText(HtmlInlineReader.Read(summary?.ChildNodes ?? (IEnumerable<INode>)[])), children: children));
                }
                return;
            default:
                AddBlocks(blocks, element.ChildNodes, depth + 1);
                return;
        }
    }

    private static void AddList(List<Block> blocks, IElement list, int depth)
    {
        var ordered = list.LocalName == "ol";
        var first = true;
        foreach (var item in list.Children.Where(child => child.LocalName == "li"))
        {
            var box = item.Children.FirstOrDefault(child => child.LocalName == "input" && string.Equals(child.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase));
            var inline = item.ChildNodes.TakeWhile(node => node is not IElement element || HtmlInlineReader.IsInline(element) || element == box || element.LocalName == "p").ToList();
            var content = HtmlInlineReader.Read(inline.SelectMany(node => node is IElement { LocalName: "p" } p ? p.ChildNodes : (IEnumerable<INode>)[node]).Where(node => node != box));
            var children = new List<Block>();
            AddBlocks(children, item.ChildNodes.Skip(inline.Count), depth + 1);
            var type = box is not null ? BlockTypes.CheckListItem : ordered ? BlockTypes.NumberedListItem : BlockTypes.BulletListItem;
            var props = BlockSchema.DefaultProps(type);
            if (box is not null)
            {
                props = props.With("checked", box.HasAttribute("checked"));
            }
            if (ordered && first && int.TryParse(list.GetAttribute("start"), out var start) && start != 1)
            {
                props = props.With("start", (long)start);
            }
            blocks.Add(WithBlockStyle(Block.Create(type, new RichText(content), props, children), item));
            first = false;
        }
    }

    private static void AddFigure(List<Block> blocks, IElement figure)
    {
        var caption = figure.QuerySelector("figcaption")?.TextContent.Trim() ?? "";
        if (figure.QuerySelector("img, video, audio") is { } media)
        {
            AddMedia(blocks, media, caption);
        }
    }

    private static void AddMedia(List<Block> blocks, IElement media, string caption)
    {
        if (SafeUrl.Check(media.GetAttribute("src")) is not { } url)
        {
            return;
        }
        var type = media.LocalName switch
        {
            "video" => BlockTypes.Video,
            "audio" => BlockTypes.Audio,
            _ => BlockTypes.Image,
        };
        var props = BlockSchema.DefaultProps(type).With("url", url).With("caption", caption);
        if (type == BlockTypes.Image)
        {
            var alt = media.GetAttribute("alt") ?? "";
            props = props.With("name", alt == caption ? "" : alt);
            if (int.TryParse(media.GetAttribute("width"), out var width) && width > 0)
            {
                props = props.With("previewWidth", (long)width);
            }
        }
        blocks.Add(Block.Create(type, props: props));
    }
}
