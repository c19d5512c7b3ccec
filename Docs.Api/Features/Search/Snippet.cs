namespace Docs.Api.Features.Search;

/// <summary>A piece of a result's snippet: text as it is in the document, and whether it is a matched word.</summary>
public sealed record SnippetPart(string Text, bool Highlighted);

/// <summary>
/// A result's snippet from <c>ts_headline</c>, in parts: the matched words are marked with two private-use characters
/// (which the indexer removes from documents' text, so a document cannot forge a mark) and come out as parts, so that no
/// client ever has to insert a document's text into HTML to show them.
/// </summary>
public static class Snippet
{
    public const char Start = '\uE000';
    public const char Stop = '\uE001';

    /// <summary>The options of <c>ts_headline</c>: short fragments around matches, with our marks.</summary>
    public const string HeadlineOptions = "StartSel=\uE000, StopSel=\uE001, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=\" … \"";

    public static IReadOnlyList<SnippetPart> Parse(string? headline)
    {
        var parts = new List<SnippetPart>();
        var text = (headline ?? "").Replace('\n', ' ').Trim();
        var position = 0;
        while (position < text.Length)
        {
            var start = text.IndexOf(Start, position);
            if (start < 0)
            {
                parts.Add(new SnippetPart(text[position..], false));
                break;
            }
            if (start > position)
            {
                parts.Add(new SnippetPart(text[position..start], false));
            }
            var stop = text.IndexOf(Stop, start + 1);
            var end = stop < 0 ? text.Length : stop;
            if (end > start + 1)
            {
                parts.Add(new SnippetPart(text[(start + 1)..end], true));
            }
            position = stop < 0 ? text.Length : stop + 1;
        }
        return parts;
    }
}
