namespace Docs.Content.Markdown;

/// <summary>
/// How deeply Markdown's quotes and lists nest, estimated line by line before parsing: deep nesting is
/// refused at once rather than after the parser has spent seconds on it (100,000 nested list markers).
/// </summary>
internal static class MarkdownNesting
{
    public const int MaxDepth = 1024;

    public static bool IsTooDeep(string markdown)
    {
        var lineStart = 0;
        while (lineStart < markdown.Length)
        {
            var lineEnd = markdown.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = markdown.Length;
            }
            if (Depth(markdown.AsSpan(lineStart, lineEnd - lineStart)) > MaxDepth)
            {
                return true;
            }
            lineStart = lineEnd + 1;
        }
        return false;
    }

    /// <summary>The container markers a line opens (quote markers, list markers), and its indentation in pairs of spaces.</summary>
    private static int Depth(ReadOnlySpan<char> line)
    {
        var depth = 0;
        var i = 0;
        while (i < line.Length)
        {
            var spaces = 0;
            while (i < line.Length && line[i] is ' ' or '\t')
            {
                spaces += line[i] == '\t' ? 4 : 1;
                i++;
            }
            depth += spaces / 2;
            if (i >= line.Length)
            {
                break;
            }
            if (line[i] == '>')
            {
                i++;
            }
            else if (line[i] is '-' or '*' or '+' && i + 1 < line.Length && line[i + 1] is ' ' or '\t')
            {
                i += 2;
            }
            else if (char.IsAsciiDigit(line[i]))
            {
                var digits = i;
                while (digits < line.Length && char.IsAsciiDigit(line[digits]))
                {
                    digits++;
                }
                if (digits + 1 < line.Length && line[digits] is '.' or ')' && line[digits + 1] is ' ' or '\t')
                {
                    i = digits + 2;
                }
                else
                {
                    break;
                }
            }
            else
            {
                break;
            }
            if (++depth > MaxDepth)
            {
                return depth;
            }
        }
        return depth;
    }
}
