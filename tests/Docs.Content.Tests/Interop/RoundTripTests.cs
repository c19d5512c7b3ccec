using Docs.Content.Blocks;
using Docs.Content.Json;
using Docs.Content.Yjs;
using Docs.Yjs;

namespace Docs.Content.Tests.Interop;

/// <summary>Reading a document and writing its blocks back keeps everything, what the model does not know included.</summary>
public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(BlockNoteCorpus.Readable), MemberType = typeof(BlockNoteCorpus))]
    public void Blocks_written_read_back_equal(string name)
    {
        var blocks = BlockNoteYjs.Read(BlockNoteCorpus.Get(name).Update);

        var again = BlockNoteYjs.Read(BlockNoteYjs.Write(blocks));

        Assert.Equal(BlockJsonWriter.ToJson(blocks), BlockJsonWriter.ToJson(again));
    }

    [Fact]
    public void Unknown_blocks_inline_nodes_and_marks_are_written_back_as_they_were()
    {
        var document = BlockNoteCorpus.Get(BlockNoteCorpus.UnknownNodes);

        var blocks = BlockNoteYjs.Read(document.Update);
        var doc = new Doc();
        doc.ApplyUpdate(BlockNoteYjs.Write(blocks));

        Assert.Equal(document.Xml, doc.GetXmlFragment(BlockNoteYjs.FragmentName).ToString());
        var callout = blocks[1];
        Assert.Equal("callout", callout.Type);
        Assert.Equal("💡", callout.Props.GetString("emoji"));
        var commented = Assert.IsType<StyledText>(blocks[2].Inline[0]);
        Assert.Equal("commented", commented.Text);
        Assert.True(commented.Styles.OtherMarks.ContainsKey("comment--AbCd1234"));
        Assert.Equal("mention", Assert.IsType<CustomInline>(blocks[2].Inline[1]).Type);
    }

    [Fact]
    public void A_document_nested_deeper_than_the_limit_is_refused_not_overflowing_the_stack()
    {
        var block = Block.Create(BlockTypes.Paragraph, RichText.Plain("deepest"));
        for (var i = 0; i < ContentTooDeepException.MaxDepth + 5; i++)
        {
            block = Block.Create(BlockTypes.BulletListItem, RichText.Plain($"level {i}"), children: [block]);
        }
        var update = BlockNoteYjs.Write([block]);

        Assert.Throws<ContentTooDeepException>(() => BlockNoteYjs.Read(update));
    }
}
