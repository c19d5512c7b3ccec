using System.Text;
using Docs.Content.Blocks;

namespace Docs.Content.Markdown;

/// <summary>How a line break inside a block's text is written.</summary>
internal enum LineBreaks
{
    /// <summary>A hard line break (<c>\</c> at the end of the line).</summary>
    Hard,

    /// <summary>A space: where Markdown has no line breaks (headings).</summary>
    Space,

    /// <summary><c>&lt;br&gt;</c>: in GFM table cells, which are one line.</summary>
    Html,
}

/// <summary>
/// Rich text as CommonMark + GFM inlines. Styles open and close like nested tags; a delimiter that
/// CommonMark would not read as one where it lands (after a letter, before punctuation...) is written as
/// its HTML tag instead, so the text always reads back with the same styles. Colours are not written.
/// </summary>
internal static class MarkdownInline
{
    private enum Mark
    {
        Bold,
        Italic,
        Strike,
        Underline,
    }

    private enum Kind
    {
        Open,
        Close,
        Text,
    }

    private sealed class Token(Kind kind, string text, Mark mark = default, int pair = -1)
    {
        public Kind Kind { get; } = kind;
        public string Text { get; } = text;
        public Mark Mark { get; } = mark;
        public int Pair { get; } = pair;
    }

    public static string Render(IReadOnlyList<InlineNode> nodes, LineBreaks breaks, bool inTable = false)
    {
        var tokens = Tokenize(TrimTrailingBreaks(nodes), breaks, inTable);
        var asHtml = PairsThatCannotBeDelimiters(tokens);
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            builder.Append(token.Kind switch
            {
                Kind.Text => token.Text,
                Kind.Open => asHtml.Contains(token.Pair) || token.Mark == Mark.Underline ? HtmlTag(token.Mark, closing: false) : Delimiter(token.Mark),
                _ => asHtml.Contains(token.Pair) || token.Mark == Mark.Underline ? HtmlTag(token.Mark, closing: true) : Delimiter(token.Mark),
            });
        }
        return builder.ToString();
    }

    /// <summary>A line break that ends a block has nothing to break: CommonMark would show its backslash.</summary>
    private static IReadOnlyList<InlineNode> TrimTrailingBreaks(IReadOnlyList<InlineNode> nodes)
    {
        if (nodes is [.., StyledText last] && last.Text.EndsWith('\n'))
        {
            var trimmed = last with { Text = last.Text.TrimEnd('\n') };
            return [.. nodes.Take(nodes.Count - 1), .. trimmed.Text.Length > 0 ? [trimmed] : Array.Empty<InlineNode>()];
        }
        return nodes;
    }

    private static List<Token> Tokenize(IReadOnlyList<InlineNode> nodes, LineBreaks breaks, bool inTable)
    {
        var tokens = new List<Token>();
        var open = new List<(Mark Mark, int Pair)>();
        var pairs = 0;
        var atLineStart = true;
        var pendingSpace = new StringBuilder();

        void CloseAbove(int keep)
        {
            for (var i = open.Count - 1; i >= keep; i--)
            {
                tokens.Add(new Token(Kind.Close, "", open[i].Mark, open[i].Pair));
                open.RemoveAt(i);
            }
        }
        void FlushSpace()
        {
            if (pendingSpace.Length > 0)
            {
                tokens.Add(new Token(Kind.Text, MarkdownText.Escape(pendingSpace.ToString(), atLineStart, inTable)));
                atLineStart = false;
                pendingSpace.Clear();
            }
        }
        void AddRun(string text, IReadOnlyList<Mark> marks, Func<string, bool, string> render)
        {
            var core = text.Trim(' ');
            if (core.Length == 0)
            {
                pendingSpace.Append(text);
                return;
            }
            var keep = 0;
            while (keep < open.Count && marks.Contains(open[keep].Mark))
            {
                keep++;
            }
            CloseAbove(keep);
            pendingSpace.Append(text[..text.IndexOf(core, StringComparison.Ordinal)]);
            FlushSpace();
            foreach (var mark in marks.Where(m => open.All(o => o.Mark != m)))
            {
                open.Add((mark, pairs));
                tokens.Add(new Token(Kind.Open, "", mark, pairs++));
            }
            tokens.Add(new Token(Kind.Text, render(core, atLineStart)));
            atLineStart = false;
            pendingSpace.Append(text[(text.IndexOf(core, StringComparison.Ordinal) + core.Length)..]);
        }
        void AddBreak()
        {
            // Styles close before a line break and reopen after it: a delimiter after a break could not close.
            CloseAbove(0);
            FlushSpace();
            switch (breaks)
            {
                case LineBreaks.Hard:
                    tokens.Add(new Token(Kind.Text, "\\\n"));
                    atLineStart = true;
                    break;
                case LineBreaks.Html:
                    tokens.Add(new Token(Kind.Text, "<br>"));
                    break;
                default:
                    pendingSpace.Append(' ');
                    break;
            }
        }

        foreach (var node in nodes)
        {
            switch (node)
            {
                case StyledText run:
                    var lines = run.Text.Split('\n');
                    for (var i = 0; i < lines.Length; i++)
                    {
                        if (i > 0)
                        {
                            AddBreak();
                        }
                        AddRun(lines[i], MarksOf(run.Styles), run.Styles.Code
                            ? (text, _) => MarkdownText.CodeSpan(text)
                            : (text, lineStart) => MarkdownText.Escape(text, lineStart, inTable));
                    }
                    break;
                case Link link:
                    var label = Render(link.Content, breaks, inTable);
                    var rendered = $"[{label}]({MarkdownText.Destination(link.Href)})";
                    AddRun(rendered, [], (text, _) => text);
                    break;
            }
        }
        CloseAbove(0);
        FlushSpace();
        return tokens;
    }

    private static List<Mark> MarksOf(Styles styles)
    {
        var marks = new List<Mark>(4);
        if (styles.Bold)
        {
            marks.Add(Mark.Bold);
        }
        if (styles.Italic)
        {
            marks.Add(Mark.Italic);
        }
        if (styles.Strike)
        {
            marks.Add(Mark.Strike);
        }
        if (styles.Underline)
        {
            marks.Add(Mark.Underline);
        }
        return marks;
    }

    /// <summary>
    /// The pairs whose delimiters CommonMark would not read as such: an opener must be left-flanking, a
    /// closer right-flanking, judged on the characters around the whole run of adjacent delimiters; and an
    /// opener right after a closer of the same character would merge with it.
    /// </summary>
    private static HashSet<int> PairsThatCannotBeDelimiters(List<Token> tokens)
    {
        var refused = new HashSet<int>();
        for (var start = 0; start < tokens.Count; start++)
        {
            if (tokens[start].Kind == Kind.Text)
            {
                continue;
            }
            var end = start;
            while (end + 1 < tokens.Count && tokens[end + 1].Kind != Kind.Text)
            {
                end++;
            }
            var before = start > 0 ? LastChar(tokens[start - 1].Text) : (char?)null;
            var after = end + 1 < tokens.Count ? FirstChar(tokens[end + 1].Text) : (char?)null;
            var closedStars = false;
            for (var i = start; i <= end; i++)
            {
                var token = tokens[i];
                if (token.Mark == Mark.Underline)
                {
                    continue;
                }
                var star = token.Mark is Mark.Bold or Mark.Italic;
                if (token.Kind == Kind.Open && (!LeftFlanking(before, after) || (star && closedStars)))
                {
                    refused.Add(token.Pair);
                }
                if (token.Kind == Kind.Close)
                {
                    closedStars |= star && !refused.Contains(token.Pair);
                    if (!RightFlanking(before, after))
                    {
                        refused.Add(token.Pair);
                    }
                }
            }
            start = end;
        }
        return refused;
    }

    private static bool LeftFlanking(char? before, char? after) =>
        after is { } next && !char.IsWhiteSpace(next) && (!IsPunctuation(next) || before is not { } previous || char.IsWhiteSpace(previous) || IsPunctuation(previous));

    private static bool RightFlanking(char? before, char? after) =>
        before is { } previous && !char.IsWhiteSpace(previous) && (!IsPunctuation(previous) || after is not { } next || char.IsWhiteSpace(next) || IsPunctuation(next));

    private static bool IsPunctuation(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

    private static char? FirstChar(string text) => text.Length > 0 ? text[0] : null;

    private static char? LastChar(string text) => text.Length > 0 ? text[^1] : null;

    private static string Delimiter(Mark mark) => mark switch
    {
        Mark.Bold => "**",
        Mark.Italic => "*",
        _ => "~~",
    };

    private static string HtmlTag(Mark mark, bool closing)
    {
        var name = mark switch
        {
            Mark.Bold => "strong",
            Mark.Italic => "em",
            Mark.Strike => "del",
            _ => "u",
        };
        return closing ? $"</{name}>" : $"<{name}>";
    }
}
