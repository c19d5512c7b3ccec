using System.Net;
using Docs.Content.Blocks;
using Docs.Content.Markdown;
using static Docs.Content.Tests.TestBlocks;

namespace Docs.Content.Tests.Markdown;

/// <summary>The Markdown export, checked by what a CommonMark + GFM reader makes of it.</summary>
public sealed class MarkdownExportTests
{
    private static string Html(params Block[] blocks) => CommonMark.ToHtml(MarkdownExporter.ToMarkdown(blocks));

    [Fact]
    public void Headings_keep_their_level_and_paragraphs_their_text()
    {
        Assert.Equal("<h1>One</h1>\n<h3>Three</h3>\n<p>Text</p>",
            Html(Block(BlockTypes.Heading, Text("One")), Block(BlockTypes.Heading, Text("Three")).With("level", 3L), Paragraph("Text")));
    }

    [Fact]
    public void Every_style_reads_back_as_its_element()
    {
        var html = Html(Paragraph(Text("b", Bold), Text(" "), Text("i", Italic), Text(" "), Text("s", new Styles { Strike = true }), Text(" "),
            Text("c", new Styles { Code = true }), Text(" "), Text("u", new Styles { Underline = true })));

        Assert.Equal("<p><strong>b</strong> <em>i</em> <del>s</del> <code>c</code> <u>u</u></p>", html);
    }

    [Fact]
    public void Overlapping_styles_nest()
    {
        Assert.Equal("<p><strong>bold <em>both</em></strong> <em>italic</em></p>",
            Html(Paragraph(Text("bold ", Bold), Text("both", new Styles { Bold = true, Italic = true }), Text(" italic", Italic))));
    }

    [Fact]
    public void Spaces_at_the_edges_of_a_styled_run_stay_outside_its_delimiters()
    {
        Assert.Equal("<p>a <strong>b</strong> c</p>", Html(Paragraph(Text("a"), Text(" b ", Bold), Text("c"))));
    }

    [Theory]
    [InlineData("x", "(y)", "z")]
    [InlineData("x", "y.", "z")]
    [InlineData("", "*", "")]
    public void Styles_where_delimiters_would_not_be_read_fall_back_to_html(string before, string styled, string after)
    {
        Assert.Equal($"<p>{WebUtility.HtmlEncode(before)}<strong>{WebUtility.HtmlEncode(styled)}</strong>{WebUtility.HtmlEncode(after)}</p>",
            Html(Paragraph(Text(before), Text(styled, Bold), Text(after))));
    }

    [Fact]
    public void A_style_ending_where_another_starts_does_not_merge_their_delimiters()
    {
        Assert.Equal("<p><strong>a</strong><em>b</em></p>", Html(Paragraph(Text("a", Bold), Text("b", Italic))));
    }

    [Theory]
    [InlineData("# not a heading")]
    [InlineData("1. not a list")]
    [InlineData("- not a list")]
    [InlineData("> not a quote")]
    [InlineData("*not emphasis* and _not_ either")]
    [InlineData("[not a link](https://example.test) ![nor an image](x.png)")]
    [InlineData("<b>not html</b> &amp; not an entity")]
    [InlineData("`not code` ~~not struck~~ \\ backslash")]
    [InlineData("===")]
    public void Text_that_looks_like_markup_stays_text(string text)
    {
        Assert.Equal($"<p>{WebUtility.HtmlEncode(text).Replace("&#39;", "'", StringComparison.Ordinal)}</p>", Html(Paragraph(text)));
    }

    [Fact]
    public void Line_breaks_are_hard_breaks_and_a_trailing_one_is_dropped()
    {
        Assert.Equal("<p>one<br />\ntwo</p>", Html(Paragraph("one\ntwo\n")));
    }

    [Fact]
    public void Lists_nest_number_from_their_start_and_check_their_tasks()
    {
        var markdown = MarkdownExporter.ToMarkdown([
            Block(BlockTypes.NumberedListItem, Text("seven")).With("start", 7L).Children(Block(BlockTypes.BulletListItem, Text("nested"))),
            Block(BlockTypes.NumberedListItem, Text("eight")),
            Paragraph("between"),
            Block(BlockTypes.CheckListItem, Text("done")).With("checked", true),
            Block(BlockTypes.CheckListItem, Text("to do")),
        ]);

        Assert.Equal("7. seven\n   - nested\n8. eight\n\nbetween\n\n- [x] done\n- [ ] to do\n", markdown);
        var html = CommonMark.ToHtml(markdown);
        Assert.Contains("<ol start=\"7\">\n<li>seven\n<ul>\n<li>nested</li>\n</ul>\n</li>\n<li>eight</li>\n</ol>", html, StringComparison.Ordinal);
        Assert.Contains("checked=\"checked\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paragraph_nested_in_a_list_item_stays_in_the_item()
    {
        var html = Html(Block(BlockTypes.BulletListItem, Text("item")).Children(Paragraph("more about it")));

        Assert.Equal("<ul>\n<li><p>item</p>\n<p>more about it</p>\n</li>\n</ul>", html);
    }

    [Fact]
    public void Quotes_and_code_blocks_keep_their_content_literal()
    {
        var code = Block(BlockTypes.CodeBlock, Text("let a = ```;\n*x*")).With("language", "js");

        var html = Html(Block(BlockTypes.Quote, Text("quoted\nlines")), code);

        Assert.Equal("<blockquote>\n<p>quoted<br />\nlines</p>\n</blockquote>\n<pre><code class=\"language-js\">let a = ```;\n*x*\n</code></pre>", html);
    }

    [Fact]
    public void Tables_have_a_header_row_escaped_pipes_and_breaks_in_cells()
    {
        var table = Blocks.Block.Create(BlockTypes.Table, new TableContent([], 1, null, [
            new TableRow([TableCell.Of(Text("Name")), TableCell.Of(Text("Value"))]),
            new TableRow([TableCell.Of(Text("a | b")), TableCell.Of(Text("one\ntwo", Bold))]),
        ]));

        var html = Html(table);

        Assert.Contains("<th>Name</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>a | b</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td><strong>one</strong><br><strong>two</strong></td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_images_and_files_point_where_they_should()
    {
        var html = Html(
            Paragraph(new Link("https://example.test/a b", [Text("a "), Text("link", Bold)])),
            Media(BlockTypes.Image, "https://example.test/cat.png", caption: "A cat"),
            Media(BlockTypes.File, "/media/report.pdf", name: "report.pdf"));

        Assert.Equal("<p><a href=\"https://example.test/a%20b\">a <strong>link</strong></a></p>\n"
            + "<p><img src=\"https://example.test/cat.png\" alt=\"A cat\" /></p>\n<p><a href=\"/media/report.pdf\">report.pdf</a></p>", html);
    }

    [Fact]
    public void An_empty_document_is_empty_text()
    {
        Assert.Equal("", MarkdownExporter.ToMarkdown([]));
        Assert.Equal("", MarkdownExporter.ToMarkdown([Paragraph()]));
    }
}
