using Docs.Content.Blocks;
using Docs.Yjs.Types;

namespace Docs.Content.Yjs;

/// <summary>
/// Writes inline content as BlockNote does (<c>inlineContentToNodes</c>, then y-prosemirror): consecutive
/// text runs share one XML text, each <c>\n</c> becomes a <c>hardBreak</c> element (in code blocks the
/// <c>\n</c> stays in the text), other inline nodes are written back as they were read.
/// </summary>
internal static class InlineWriter
{
    public static AbstractType[] Write(IReadOnlyList<InlineNode> nodes, bool keepNewlines)
    {
        var output = new List<AbstractType>();
        var runs = new List<YDeltaOp>();
        void FlushText()
        {
            if (runs.Count > 0)
            {
                var text = new YXmlText();
                text.ApplyDelta([.. runs]);
                output.Add(text);
                runs.Clear();
            }
        }
        void AddText(string text, Styles styles, string? href, bool keepBreaks)
        {
            foreach (var piece in keepBreaks ? [text] : SplitLines(text))
            {
                if (piece.Length == 0)
                {
                    continue;
                }
                if (piece == "\n" && !keepBreaks)
                {
                    FlushText();
                    output.Add(new YXmlElement(InlineReader.HardBreak));
                    continue;
                }
                runs.Add(new YDeltaOp(Insert: [piece], Attributes: StyleAttributes.Write(styles, href)));
            }
        }
        foreach (var node in nodes)
        {
            switch (node)
            {
                case StyledText text:
                    AddText(text.Text, text.Styles, null, keepNewlines);
                    break;
                case Link link:
                    // BlockNote splits link text at line breaks even in code blocks.
                    foreach (var part in link.Content)
                    {
                        AddText(part.Text, part.Styles, link.Href, keepBreaks: false);
                    }
                    break;
                case CustomInline custom:
                    FlushText();
                    output.Add(PreservedNodes.ToYElement(custom.Source));
                    break;
            }
        }
        FlushText();
        return [.. output];
    }

    /// <summary>JavaScript's <c>text.split(/(\n)/g)</c>: the pieces between line breaks and the breaks themselves.</summary>
    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                yield return text[start..i];
                yield return "\n";
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
