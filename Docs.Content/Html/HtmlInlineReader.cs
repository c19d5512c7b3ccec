using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Docs.Content.Blocks;

namespace Docs.Content.Html;

/// <summary>HTML's inline content as rich text: whitespace collapsed as a browser shows it, styles from tags and from colour declarations, links that pass <see cref="SafeUrl"/>.</summary>
internal static partial class HtmlInlineReader
{
    private const int MaxDepth = 128;

    private static readonly HashSet<string> InlineNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp", "small",
        "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "del", "ins", "strike", "font", "label", "tt",
    };

    public static bool IsInline(IElement element) => InlineNames.Contains(element.LocalName);

    public static List<InlineNode> Read(IEnumerable<INode> nodes)
    {
        var runs = new List<(string Text, Styles Styles, string? Href)>();
        foreach (var node in nodes)
        {
            Walk(node, Styles.None, null, runs, 0);
        }
        return Build(Collapse(runs));
    }

    /// <summary>A quote's content: its paragraphs (or other blocks' text) on lines of their own.</summary>
    public static List<InlineNode> ReadLines(IEnumerable<INode> nodes)
    {
        var lines = new List<InlineNode>();
        var loose = new List<INode>();
        void Flush()
        {
            if (loose.Count > 0)
            {
                AddLine(lines, Read(loose));
                loose.Clear();
            }
        }
        foreach (var node in nodes)
        {
            if (node is IElement element && !IsInline(element))
            {
                Flush();
                AddLine(lines, Read(element.ChildNodes));
            }
            else
            {
                loose.Add(node);
            }
        }
        Flush();
        return lines;
    }

    private static void AddLine(List<InlineNode> lines, List<InlineNode> line)
    {
        if (line.Count == 0)
        {
            return;
        }
        if (lines.Count > 0)
        {
            lines.Add(new StyledText("\n", Styles.None));
        }
        lines.AddRange(line);
    }

    private static void Walk(INode node, Styles styles, string? href, List<(string, Styles, string?)> runs, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ContentTooDeepException(MaxDepth);
        }
        if (node is IText text)
        {
            runs.Add((Whitespace().Replace(text.Data, " "), styles, href));
            return;
        }
        if (node is not IElement element)
        {
            return;
        }
        switch (element.LocalName)
        {
            case "br":
                runs.Add(("\n", styles, href));
                return;
            case "script" or "style" or "template" or "noscript" or "svg" or "math" or "iframe" or "object" or "input" or "img":
                return;
            case "b" or "strong":
                styles = styles with { Bold = true };
                break;
            case "i" or "em" or "cite" or "dfn" or "var":
                styles = styles with { Italic = true };
                break;
            case "u" or "ins":
                styles = styles with { Underline = true };
                break;
            case "s" or "del" or "strike":
                styles = styles with { Strike = true };
                break;
            case "code" or "kbd" or "samp" or "tt":
                styles = styles with { Code = true };
                break;
            case "a":
                href = SafeUrl.Check(element.GetAttribute("href")) ?? href;
                break;
        }
        styles = WithDeclaredColors(element, styles);
        foreach (var child in element.ChildNodes)
        {
            Walk(child, styles, href, runs, depth + 1);
        }
    }

    /// <summary>Text and background colours from an element's style attribute.</summary>
    private static Styles WithDeclaredColors(IElement element, Styles styles)
    {
        if (element.GetAttribute("style") is not { } style)
        {
            return styles;
        }
        var (color, background) = Colors(style);
        return styles with
        {
            TextColor = BlockColors.FromCss(color, background: false) ?? styles.TextColor,
            BackgroundColor = BlockColors.FromCss(background, background: true) ?? styles.BackgroundColor,
        };
    }

    public static (string? Color, string? Background) Colors(string style)
    {
        string? color = null, background = null;
        foreach (var declaration in style.Split(';'))
        {
            var parts = declaration.Split(':', 2);
            if (parts.Length != 2)
            {
                continue;
            }
            switch (parts[0].Trim().ToLowerInvariant())
            {
                case "color":
                    color = parts[1].Trim();
                    break;
                case "background-color" or "background":
                    background = parts[1].Trim();
                    break;
            }
        }
        return (color, background);
    }

    /// <summary>As a browser shows whitespace: one space between words, none at the start, the end, or around a line break.</summary>
    private static List<(string Text, Styles Styles, string? Href)> Collapse(List<(string Text, Styles Styles, string? Href)> runs)
    {
        var collapsed = new List<(string, Styles, string?)>();
        var afterSpace = true;
        foreach (var (text, styles, href) in runs)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (c == ' ' && afterSpace)
                {
                    continue;
                }
                if (c == '\n' && collapsed.Count + builder.Length > 0)
                {
                    TrimTrailingSpace(builder, collapsed);
                }
                builder.Append(c);
                afterSpace = c is ' ' or '\n';
            }
            if (builder.Length > 0)
            {
                collapsed.Add((builder.ToString(), styles, href));
            }
        }
        if (collapsed.Count > 0 && collapsed[^1].Item1.EndsWith(' '))
        {
            var (text, styles, href) = collapsed[^1];
            collapsed[^1] = (text.TrimEnd(' '), styles, href);
            if (collapsed[^1].Item1.Length == 0)
            {
                collapsed.RemoveAt(collapsed.Count - 1);
            }
        }
        return collapsed;
    }

    private static void TrimTrailingSpace(StringBuilder builder, List<(string Text, Styles Styles, string? Href)> previous)
    {
        if (builder.Length > 0)
        {
            if (builder[^1] == ' ')
            {
                builder.Length--;
            }
            return;
        }
        if (previous.Count > 0 && previous[^1].Text.EndsWith(' '))
        {
            var (text, styles, href) = previous[^1];
            previous[^1] = (text[..^1], styles, href);
        }
    }

    private static List<InlineNode> Build(List<(string Text, Styles Styles, string? Href)> runs)
    {
        var nodes = new List<InlineNode>();
        foreach (var (text, styles, href) in runs.Where(run => run.Text.Length > 0))
        {
            var run = new StyledText(text, styles);
            if (href is null)
            {
                if (nodes is [.., StyledText last] && last.Styles == styles)
                {
                    nodes[^1] = last with { Text = last.Text + text };
                }
                else
                {
                    nodes.Add(run);
                }
            }
            else if (nodes is [.., Link link] && link.Href == href)
            {
                var parts = link.Content.ToList();
                if (parts[^1].Styles == styles)
                {
                    parts[^1] = parts[^1] with { Text = parts[^1].Text + text };
                }
                else
                {
                    parts.Add(run);
                }
                nodes[^1] = link with { Content = parts };
            }
            else
            {
                nodes.Add(new Link(href, [run]));
            }
        }
        return nodes;
    }

    [GeneratedRegex(@"[ \t\r\n\f]+")]
    private static partial Regex Whitespace();
}
