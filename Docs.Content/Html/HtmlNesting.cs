namespace Docs.Content.Html;

/// <summary>
/// How deeply HTML's tags nest, estimated in one pass before parsing: an HTML5 parser takes time that
/// grows with the square of the nesting (100,000 nested tags take minutes), so deep input is refused
/// first. Void elements, self-closing tags and elements whose end tag may be left out (li, p, td...)
/// are not counted, so that well-formed documents are never refused.
/// </summary>
internal static class HtmlNesting
{
    public const int MaxDepth = 1024;

    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "li", "p", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "rtc",
    };

    public static bool IsTooDeep(string html)
    {
        var depth = 0;
        for (var i = 0; i < html.Length - 1; i++)
        {
            if (html[i] != '<')
            {
                continue;
            }
            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var end = start;
            while (end < html.Length && char.IsAsciiLetterOrDigit(html[end]))
            {
                end++;
            }
            if (end == start || !char.IsAsciiLetter(html[start]) || NotNesting.Contains(html[start..end]))
            {
                continue;
            }
            var close = html.IndexOf('>', end);
            if (close < 0)
            {
                break;
            }
            if (closing)
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (html[close - 1] != '/' && ++depth > MaxDepth)
            {
                return true;
            }
            i = close;
        }
        return false;
    }
}
