using System.Text;
using Docs.Content.Blocks;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax.Inlines;
using Block = Docs.Content.Blocks.Block;

namespace Docs.Content.Markdown;

/// <summary>
/// Markdig's inlines as rich text: emphasis, strong, strikethrough and code spans as styles, links (and
/// autolinks) as links, line breaks as <c>\n</c>. The HTML tags the Markdown export writes for styles
/// (<c>u</c>, <c>strong</c>, <c>em</c>, <c>del</c>, <c>br</c>) are read back as styles; any other HTML stays text.
/// Link and image targets pass <see cref="Html.SafeUrl"/>: a <c>javascript:</c> link is imported as its text.
/// </summary>
internal static class MarkdownInlineReader
{
    public static List<InlineNode> Read(ContainerInline? inline)
    {
        var walker = new Walker();
        if (inline is not null)
        {
            walker.Walk(inline, Styles.None, null, 0);
        }
        return walker.Finish();
    }

    /// <summary>A list item's text, and whether it is a task (checked or not) when it starts with a GFM task marker.</summary>
    public static (bool? Task, List<InlineNode> Content) ReadListItem(ContainerInline? inline)
    {
        if (inline?.FirstChild is TaskList task)
        {
            task.Remove();
            if (inline.FirstChild is LiteralInline { Content.Length: > 0 } literal && literal.Content.CurrentChar == ' ')
            {
                literal.Content.Start++;
            }
            return (task.Checked, Read(inline));
        }
        return (null, Read(inline));
    }

    /// <summary>A paragraph that is only an image: an image block, named by its alt text (as BlockNote imports it).</summary>
    public static Block? StandaloneImage(ContainerInline? inline)
    {
        var parts = inline?.Where(node => node is not LiteralInline literal || !literal.Content.IsEmptyOrWhitespace()).ToList();
        if (parts is not [LinkInline { IsImage: true } image])
        {
            return null;
        }
        if (Html.SafeUrl.Check(image.Url) is not { } url)
        {
            return null;
        }
        var props = BlockSchema.DefaultProps(BlockTypes.Image).With("url", url).With("name", InlineNode.PlainText(Read(image)));
        return Block.Create(BlockTypes.Image, props: props);
    }

    /// <summary>Adjacent runs with equal styles joined.</summary>
    public static List<InlineNode> Merge(List<InlineNode> nodes)
    {
        var merged = new List<InlineNode>(nodes.Count);
        foreach (var node in nodes)
        {
            if (node is StyledText text && merged is [.., StyledText last] && last.Styles == text.Styles)
            {
                merged[^1] = last with { Text = last.Text + text.Text };
            }
            else
            {
                merged.Add(node);
            }
        }
        return merged;
    }

    private sealed class Walker
    {
        private const int MaxDepth = 128;
        private readonly List<(string Text, Styles Styles, string? Href)> _runs = [];
        private Styles _html = Styles.None;

        public void Walk(ContainerInline container, Styles styles, string? href, int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ContentTooDeepException(MaxDepth);
            }
            foreach (var node in container)
            {
                switch (node)
                {
                    case LiteralInline literal:
                        Add(literal.Content.ToString(), styles, href);
                        break;
                    case CodeInline code:
                        Add(code.Content, styles with { Code = true }, href);
                        break;
                    case LineBreakInline:
                        Add("\n", styles, href);
                        break;
                    case HtmlEntityInline entity:
                        Add(entity.Transcoded.ToString(), styles, href);
                        break;
                    case AutolinkInline autolink:
                        Add(autolink.Url, styles, Html.SafeUrl.Check(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url) ?? href);
                        break;
                    case HtmlInline html:
                        if (!ApplyTag(html.Tag, styles, href))
                        {
                            Add(html.Tag, styles, href);
                        }
                        break;
                    case EmphasisInline emphasis:
                        Walk(emphasis, Emphasize(styles, emphasis), href, depth + 1);
                        break;
                    case LinkInline link:
                        // An image within text is a link to it, labelled by its alt text; an unsafe target leaves the text unlinked.
                        Walk(link, styles, Html.SafeUrl.Check(link.Url) ?? href, depth + 1);
                        break;
                    case ContainerInline other:
                        Walk(other, styles, href, depth + 1);
                        break;
                }
            }
        }

        private static Styles Emphasize(Styles styles, EmphasisInline emphasis) => (emphasis.DelimiterChar, emphasis.DelimiterCount) switch
        {
            ('~', _) => styles with { Strike = true },
            (_, 1) => styles with { Italic = true },
            _ => styles with { Bold = true },
        };

        /// <summary>The tags the Markdown export writes for styles it cannot delimit; false for any other HTML.</summary>
        private bool ApplyTag(string tag, Styles styles, string? href)
        {
            switch (tag.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            {
                case "<br>" or "<br/>":
                    Add("\n", styles, href);
                    return true;
                case "<u>" or "</u>":
                    _html = _html with { Underline = !tag.StartsWith("</", StringComparison.Ordinal) };
                    return true;
                case "<strong>" or "</strong>":
                    _html = _html with { Bold = !tag.StartsWith("</", StringComparison.Ordinal) };
                    return true;
                case "<em>" or "</em>":
                    _html = _html with { Italic = !tag.StartsWith("</", StringComparison.Ordinal) };
                    return true;
                case "<del>" or "</del>":
                    _html = _html with { Strike = !tag.StartsWith("</", StringComparison.Ordinal) };
                    return true;
                default:
                    return false;
            }
        }

        private void Add(string text, Styles styles, string? href)
        {
            if (text.Length == 0)
            {
                return;
            }
            var effective = styles with
            {
                Bold = styles.Bold || _html.Bold,
                Italic = styles.Italic || _html.Italic,
                Underline = styles.Underline || _html.Underline,
                Strike = styles.Strike || _html.Strike,
            };
            _runs.Add((text, effective, href));
        }

        public List<InlineNode> Finish()
        {
            var nodes = new List<InlineNode>();
            for (var i = 0; i < _runs.Count;)
            {
                var href = _runs[i].Href;
                var end = i;
                while (end < _runs.Count && _runs[end].Href == href)
                {
                    end++;
                }
                var runs = Merge(_runs.Skip(i).Take(end - i).Select(run => (InlineNode)new StyledText(run.Text, run.Styles)).ToList());
                if (href is null)
                {
                    nodes.AddRange(runs);
                }
                else
                {
                    nodes.Add(new Link(href, runs.Cast<StyledText>().ToList()));
                }
                i = end;
            }
            return nodes;
        }
    }
}
