using System.Text;

namespace Docs.Content.Markdown;

/// <summary>Text made literal for CommonMark + GFM: what could start markup is backslash-escaped.</summary>
internal static class MarkdownText
{
    /// <summary>
    /// Escapes <paramref name="text"/>; at the start of a line also what would start a block there (a
    /// heading, a quote, a list item, a thematic break, an indented code block).
    /// </summary>
    public static string Escape(string text, bool atLineStart, bool inTable)
    {
        var builder = new StringBuilder(text.Length + 8);
        var start = 0;
        if (atLineStart)
        {
            start = EscapeLineStart(text, builder);
        }
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '~':
                    builder.Append('\\').Append(c);
                    break;
                case '|' when inTable:
                    builder.Append("\\|");
                    break;
                case '&' when i + 1 < text.Length && (text[i + 1] == '#' || char.IsAsciiLetter(text[i + 1])):
                    builder.Append("\\&");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>Writes the escaped beginning of a line and returns how much of <paramref name="text"/> it used.</summary>
    private static int EscapeLineStart(string text, StringBuilder builder)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        switch (text[0])
        {
            case ' ' or '\t':
                // Leading blanks would be dropped, or make an indented code block: the first one as a character reference.
                builder.Append(text[0] == ' ' ? "&#32;" : "&#9;");
                return 1;
            case '#' or '>' or '-' or '+' or '=':
                builder.Append('\\').Append(text[0]);
                return 1;
        }
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }
        if (digits is > 0 and <= 9 && digits < text.Length && text[digits] is '.' or ')')
        {
            builder.Append(text, 0, digits).Append('\\').Append(text[digits]);
            return digits + 1;
        }
        return 0;
    }

    /// <summary>A destination for <c>[text](…)</c>: in angle brackets when it has characters the plain form cannot hold.</summary>
    public static string Destination(string url)
    {
        var safe = url.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\\", "%5C", StringComparison.Ordinal);
        return safe.Length == 0 || safe.Any(c => c is ' ' or '(' or ')') ? $"<{safe}>" : safe;
    }

    /// <summary>A code span around <paramref name="code"/>: a fence longer than any backtick run inside, padded where CommonMark would strip.</summary>
    public static string CodeSpan(string code)
    {
        var fence = new string('`', LongestRun(code, '`') + 1);
        var pad = code.Length > 0 && (code[0] == '`' || code[^1] == '`' || (code[0] == ' ' && code[^1] == ' ' && code.Trim().Length > 0)) ? " " : "";
        return fence + pad + code + pad + fence;
    }

    public static int LongestRun(string text, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in text)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }
        return longest;
    }
}
