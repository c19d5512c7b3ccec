using Docs.Content.Json;
using Docs.Content.Yjs;

namespace Docs.Content.Tests.Interop;

/// <summary>What Docs.Content writes, BlockNote opens as the blocks that were written, stored as BlockNote itself stores them.</summary>
public sealed class WritingTests
{
    [Theory]
    [MemberData(nameof(BlockNoteCorpus.Readable), MemberType = typeof(BlockNoteCorpus))]
    public void BlockNote_reads_what_we_write_as_the_blocks_we_wrote(string name)
    {
        var document = BlockNoteCorpus.Get(name);
        var blocks = BlockJsonReader.Read(document.Blocks!.ToJsonString());

        var update = BlockNoteYjs.Write(blocks);

        var reading = Assert.Single(BlockNoteCorpus.ReadWithBlockNote(update));
        Assert.Equal(CanonicalJson.Of(document.Blocks), CanonicalJson.Of(reading.Blocks));
        // The same XML, attribute for attribute, as BlockNote writes for these blocks.
        Assert.Equal(document.Xml, reading.Xml);
    }
}
