using System.Text;
using Docs.Content.Blocks;
using Docs.Yjs.Types;

namespace Docs.Content.Yjs;

/// <summary>
/// Reads the inline children of a block's element (text runs, hard breaks, other inline nodes) into
/// BlockNote's inline content, grouping them exactly as BlockNote's <c>contentNodeToInlineContent</c>
/// does: runs with equal styles join, links gather their runs, a hard break is a <c>\n</c>.
/// </summary>
internal static class InlineReader
{
    public const string HardBreak = "hardBreak";

    public static List<InlineNode> Read(YXmlElement element)
    {
        var builder = new InlineBuilder();
        foreach (var child in element.Children)
        {
            switch (child)
            {
                case YXmlText text:
                    foreach (var op in text.ToDelta())
                    {
                        if (op.Insert is [string run] && run.Length > 0)
                        {
                            var (styles, href) = StyleAttributes.Read(op.Attributes);
                            builder.AddText(run, styles, href);
                        }
                    }
                    break;
                case YXmlElement { NodeName: HardBreak }:
                    builder.AddBreak();
                    break;
                case YXmlElement other:
                    builder.AddCustom(new CustomInline(other.NodeName, new BlockProps(other.Attributes), PreservedNodes.From(other)));
                    break;
            }
        }
        return builder.Finish();
    }

    /// <summary>The piece being built: a text run, or a link with its runs.</summary>
    private sealed class Pending(string? href, string text, Styles styles)
    {
        public string? Href { get; } = href;

        public List<(StringBuilder Text, Styles Styles)> Runs { get; } = [(new StringBuilder(text), styles)];

        public (StringBuilder Text, Styles Styles) Last => Runs[^1];

        public InlineNode ToNode() => Href is null
            ? new StyledText(Last.Text.ToString(), Last.Styles)
            : new Link(Href, Runs.Select(run => new StyledText(run.Text.ToString(), run.Styles)).ToList());
    }

    private sealed class InlineBuilder
    {
        private readonly List<InlineNode> _nodes = [];
        private Pending? _current;

        public void AddBreak()
        {
            if (_current is null)
            {
                _current = new Pending(null, "\n", Styles.None);
            }
            else
            {
                _current.Last.Text.Append('\n');
            }
        }

        public void AddCustom(CustomInline node)
        {
            Flush();
            _nodes.Add(node);
        }

        public void AddText(string text, Styles styles, string? href)
        {
            if (_current is not null && _current.Href == href && _current.Last.Styles == styles)
            {
                _current.Last.Text.Append(text);
            }
            else if (_current is not null && href is not null && _current.Href == href)
            {
                _current.Runs.Add((new StringBuilder(text), styles));
            }
            else
            {
                Flush();
                _current = new Pending(href, text, styles);
            }
        }

        public List<InlineNode> Finish()
        {
            Flush();
            return _nodes;
        }

        private void Flush()
        {
            if (_current is not null)
            {
                _nodes.Add(_current.ToNode());
                _current = null;
            }
        }
    }
}
