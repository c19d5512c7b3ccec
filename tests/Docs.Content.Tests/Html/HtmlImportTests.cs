using Docs.Content.Blocks;
using Docs.Content.Html;
using Docs.Content.Json;
using Docs.Content.Tests.Interop;
using Docs.Content.Yjs;

namespace Docs.Content.Tests.Html;

/// <summary>The HTML import: an allow-list of structure and styles, and a fixed point with the HTML export.</summary>
public sealed class HtmlImportTests
{
    /// <summary>
    /// The corpus but "unicode", whose paragraph of leading spaces HTML shows collapsed (as a browser
    /// does, the import collapses whitespace; the export writes the spaces as they are).
    /// </summary>
    public static readonly TheoryData<string> Documents =
    [
        "every block type", "every inline style", "block colours and alignment", "nesting", "tables", "one empty paragraph", "empty document", "edited by two peers",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Exported_html_imports_back_to_the_same_html(string name)
    {
        var html = HtmlExporter.ToHtml(BlockNoteYjs.Read(BlockNoteCorpus.Get(name).Update));

        var again = HtmlExporter.ToHtml(HtmlImporter.ToBlocks(html));

        Assert.Equal(html, again);
    }

    [Fact]
    public void Scripts_handlers_and_unsafe_links_are_left_behind()
    {
        var blocks = HtmlImporter.ToBlocks("<script>alert(1)</script><style>p { color: red }</style>"
            + "<p onclick=\"alert(1)\">Hi <a href=\"javascript:alert(1)\">there</a><img src=x onerror=alert(1)> <a href=\"https://example.test\">friend</a></p>"
            + "<iframe src=\"https://evil.test\">framed</iframe><img src=\"javascript:alert(1)\">");

        var paragraph = Assert.Single(blocks);
        Assert.Equal("Hi there friend", ((RichText)paragraph.Content!).ToPlainText());
        Assert.Equal("https://example.test", Assert.IsType<Link>(paragraph.Inline[^1]).Href);
        Assert.DoesNotContain("alert", BlockJsonWriter.ToJson(blocks), StringComparison.Ordinal);
    }

    [Fact]
    public void Structure_and_styles_become_blocks()
    {
        var blocks = HtmlImporter.ToBlocks("""
            <h2>Title</h2>
            <p>Some <b>bold</b>, <em>italic</em>, <u>under</u>, <s>struck</s> and <code>code</code><br>on two lines.</p>
            <ul><li><input type="checkbox" checked> done</li><li>plain<ul><li>nested</li></ul></li></ul>
            <ol start="3"><li>three</li></ol>
            <blockquote><p>one</p><p>two</p></blockquote>
            <pre><code class="language-js">let a = 1;</code></pre>
            <table><tr><th>H</th></tr><tr><td colspan="2">wide</td></tr></table>
            <figure><img src="/media/a.png" alt="A"><figcaption>Caption</figcaption></figure>
            <details><summary>More</summary><p>hidden</p></details>
            <hr>
            """);

        Assert.Equal(
            [BlockTypes.Heading, BlockTypes.Paragraph, BlockTypes.CheckListItem, BlockTypes.BulletListItem, BlockTypes.NumberedListItem,
             BlockTypes.Quote, BlockTypes.CodeBlock, BlockTypes.Table, BlockTypes.Image, BlockTypes.ToggleListItem, BlockTypes.Divider],
            blocks.Select(b => b.Type));
        Assert.Equal(2L, blocks[0].Props["level"]);
        Assert.Equal("Some bold, italic, under, struck and code\non two lines.", ((RichText)blocks[1].Content!).ToPlainText());
        Assert.Equal(new[] { "bold", "italic", "under", "struck", "code" }, blocks[1].Inline.OfType<StyledText>().Where(t => !t.Styles.IsPlain).Select(t => t.Text));
        Assert.True(blocks[2].Props.GetBool("checked"));
        Assert.Equal("nested", ((RichText)Assert.Single(blocks[3].Children).Content!).ToPlainText());
        Assert.Equal(3L, blocks[4].Props["start"]);
        Assert.Equal("one\ntwo", ((RichText)blocks[5].Content!).ToPlainText());
        Assert.Equal("js", blocks[6].Props.GetString("language"));
        var table = Assert.IsType<TableContent>(blocks[7].Content);
        Assert.Equal(1, table.HeaderRows);
        Assert.Equal(2, table.Rows[1].Cells[0].Props.Colspan);
        Assert.Equal("Caption", blocks[8].Props.GetString("caption"));
        Assert.Equal("hidden", ((RichText)Assert.Single(blocks[9].Children).Content!).ToPlainText());
    }

    [Theory]
    [InlineData("div")]
    [InlineData("b")]
    [InlineData("ul><li")]
    public void Html_nested_100000_levels_deep_is_refused_at_once(string tag)
    {
        var html = string.Concat(Enumerable.Repeat($"<{tag}>", 100_000)) + "deep";
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.Throws<ContentTooDeepException>(() => HtmlImporter.ToBlocks(html));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Took {watch.Elapsed}.");
    }

    [Fact]
    public void Long_lists_with_implied_end_tags_are_not_mistaken_for_nesting()
    {
        var html = "<ul>" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"<li><p>item {i}")) + "</ul>";

        Assert.Equal(3000, HtmlImporter.ToBlocks(html).Count);
    }
}
