using Docs.Content.Json;
using Docs.Content.Yjs;

namespace Docs.Content.Tests.Interop;

/// <summary>Docs.Content reads every document BlockNote wrote as the blocks BlockNote's own <c>yDocToBlocks</c> reads.</summary>
public sealed class ReadingTests
{
    [Theory]
    [MemberData(nameof(BlockNoteCorpus.Readable), MemberType = typeof(BlockNoteCorpus))]
    public void Reads_the_blocks_BlockNote_reads(string name)
    {
        var document = BlockNoteCorpus.Get(name);

        var blocks = BlockNoteYjs.Read(document.Update);

        Assert.Equal(CanonicalJson.Of(document.Blocks), CanonicalJson.Of(BlockJsonWriter.ToJson(blocks)));
    }

    [Fact]
    public void An_empty_state_has_no_blocks()
    {
        Assert.Empty(BlockNoteYjs.Read((byte[]?)null));
        Assert.Empty(BlockNoteYjs.Read([]));
    }
}
