using System.Text.Json.Nodes;
using Docs.Content.Json;
using Docs.Content.Markdown;
using Docs.Content.Tests.Interop;
using Docs.Content.Yjs;

namespace Docs.Content.Tests.Markdown;

/// <summary>The Markdown import: BlockNote's own import as ground truth, and a fixed point with the export.</summary>
public sealed class MarkdownImportTests
{
    /// <summary>
    /// Markdown that BlockNote 0.47 and Docs.Content import alike. Accepted differences, left out here:
    /// BlockNote reads a hard line break as two line breaks (<c>\n\n</c>), Docs.Content as one.
    /// </summary>
    public static readonly TheoryData<string> Corpus =
    [
        "# Title\n\n## Second *level*\n\n###### Six",
        "Some *italic* and **bold** and ***both*** and ~~struck~~ and `code` with a [link](https://example.test/a) in it.",
        "A soft\nline break, an autolink <https://example.test/auto> and an &amp; entity.",
        "- one\n- two\n  - nested\n  - nested too\n- three",
        "1. first\n2. second\n   1. inner\n\n7. seventh",
        "- [x] done\n- [ ] to do",
        "> quoted\n> lines",
        "```js\nlet a = 1;\n  indented();\n```\n\n```\nno language\n```",
        "before\n\n---\n\nafter",
        "| a | b |\n| --- | --- |\n| 1 | **2** |",
        "![a cat](https://example.test/cat.png)",
        "Unicode: 👩‍👩‍👧‍👦 日本語 العربية e\u0301.",
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Markdown_imports_as_BlockNote_imports_it(string markdown)
    {
        var expected = Assert.Single(BlockNoteCorpus.ParseMarkdownWithBlockNote(markdown));

        var blocks = MarkdownImporter.ToBlocks(markdown);

        Assert.Equal(CanonicalJson.Of(WithoutIds(expected)), CanonicalJson.Of(WithoutIds(JsonNode.Parse(BlockJsonWriter.ToJson(blocks))!.AsArray())));
    }

    [Theory]
    [MemberData(nameof(BlockNoteCorpus.Readable), MemberType = typeof(BlockNoteCorpus))]
    public void Exported_markdown_imports_back_to_the_same_markdown(string name)
    {
        var markdown = MarkdownExporter.ToMarkdown(BlockNoteYjs.Read(BlockNoteCorpus.Get(name).Update));

        var again = MarkdownExporter.ToMarkdown(MarkdownImporter.ToBlocks(markdown));

        Assert.Equal(markdown, again);
    }

    [Fact]
    public void Raw_html_stays_text()
    {
        var blocks = MarkdownImporter.ToBlocks("<script>alert(1)</script>\n\nText with <img src=x onerror=alert(1)> inline.");

        Assert.Equal("<script>alert(1)</script>", ((Blocks.RichText)blocks[0].Content!).ToPlainText());
        Assert.Equal("Text with <img src=x onerror=alert(1)> inline.", ((Blocks.RichText)blocks[1].Content!).ToPlainText());
    }

    [Fact]
    public void Unsafe_link_and_image_targets_are_not_imported()
    {
        var blocks = MarkdownImporter.ToBlocks("[click](javascript:alert(1)) and [ok](https://example.test)\n\n![x](data:image/svg+xml,evil)");

        Assert.Equal([typeof(Blocks.StyledText), typeof(Blocks.Link)], blocks[0].Inline.Select(node => node.GetType()));
        Assert.Equal("click and ", ((Blocks.StyledText)blocks[0].Inline[0]).Text);
        Assert.Equal(Blocks.BlockTypes.Paragraph, blocks[1].Type);
    }

    [Theory]
    [InlineData("> ")]
    [InlineData("- ")]
    [InlineData("1. ")]
    public void Markdown_nested_100000_levels_deep_is_refused_at_once(string marker)
    {
        var markdown = string.Concat(Enumerable.Repeat(marker, 100_000)) + "deep";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.Throws<ContentTooDeepException>(() => MarkdownImporter.ToBlocks(markdown));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"Took {watch.Elapsed}.");
    }

    [Fact]
    public void Markdown_nested_beyond_the_limit_is_refused()
    {
        var markdown = string.Concat(Enumerable.Repeat("> ", 2 * ContentTooDeepException.MaxDepth)) + "deep";

        Assert.Throws<ContentTooDeepException>(() => MarkdownImporter.ToBlocks(markdown));
    }

    private static JsonArray WithoutIds(JsonArray blocks)
    {
        var copy = blocks.DeepClone().AsArray();
        void Strip(JsonArray list)
        {
            foreach (var block in list.OfType<JsonObject>())
            {
                block.Remove("id");
                if (block["children"] is JsonArray children)
                {
                    Strip(children);
                }
            }
        }
        Strip(copy);
        return copy;
    }
}
