using Docs.Content.Blocks;
using Docs.Content.Html;
using Docs.Content.Markdown;
using Docs.Content.Yjs;
using Docs.Yjs;
using Docs.Yjs.Types;

namespace Docs.Content.Tests.Interop;

/// <summary>XML that no BlockNote editor writes (another client's, a damaged one's) is read as far as it makes sense, never with an exception.</summary>
public sealed class MalformedDocumentTests
{
    private static IReadOnlyList<Block> ReadFragment(params AbstractType[] nodes)
    {
        var doc = new Doc();
        doc.GetXmlFragment(BlockNoteYjs.FragmentName).Insert(0, nodes);
        return BlockNoteYjs.Read(doc.EncodeStateAsUpdate());
    }

    private static YXmlText Text(string text)
    {
        var node = new YXmlText();
        node.Insert(0, text);
        return node;
    }

    private static YXmlElement Element(string name, params AbstractType[] children)
    {
        var element = new YXmlElement(name);
        element.Insert(0, children);
        return element;
    }

    [Fact]
    public void A_fragment_that_does_not_start_with_a_block_group_has_no_blocks()
    {
        Assert.Empty(ReadFragment(Text("stray text"), Element("blockGroup")));
    }

    [Fact]
    public void Odd_containers_and_values_are_read_with_defaults()
    {
        var heading = Element("heading", Text("Title"));
        heading.SetAttribute("level", "not a number");
        var blocks = ReadFragment(Element("blockGroup",
            Text("text where blocks belong"),
            Element("blockContainer"),
            Element("blockContainer", heading),
            Element("blockContainer", Element("paragraph", Text("first")), Element("paragraph", Text("second")))));

        Assert.Equal([BlockTypes.Paragraph, BlockTypes.Heading, BlockTypes.Paragraph], blocks.Select(b => b.Type));
        Assert.Equal("first", ((RichText)blocks[2].Content!).ToPlainText());
        Assert.Equal("# Title\n\nfirst\n", MarkdownExporter.ToMarkdown(blocks));
        Assert.Contains("<h1>Title</h1>", HtmlExporter.ToHtml(blocks), StringComparison.Ordinal);
    }
}
