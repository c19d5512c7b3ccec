using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Docs.Content.Blocks;
using Docs.Content.Html;
using static Docs.Content.Tests.TestBlocks;

namespace Docs.Content.Tests.Html;

/// <summary>The HTML export, checked through an HTML5 parser's view of it.</summary>
public sealed class HtmlExportTests
{
    private static readonly HtmlParser Parser = new();

    private static IDocument Page(params Block[] blocks) => Parser.ParseDocument(HtmlExporter.ToPage(blocks, "My <page>", "fr"));

    [Fact]
    public void A_page_stands_alone_with_its_title_and_styles()
    {
        var page = Page(Paragraph("Hello"));

        Assert.Equal("My <page>", page.Title);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("My <page>", page.QuerySelector("h1.document-title")!.TextContent);
        Assert.NotNull(page.QuerySelector("head > style"));
        Assert.Empty(page.QuerySelectorAll("script, link, [src^='http']"));
        Assert.Equal("Hello", page.QuerySelector("article p")!.TextContent);
    }

    [Fact]
    public void Text_is_text_and_unsafe_addresses_are_dropped()
    {
        var page = Page(
            Paragraph(Text("<script>alert(1)</script>"), new Link("javascript:alert(1)", [Text("click")]), new Link(" JaVa\tScRiPt:alert(1)", [Text("me")])),
            Media(BlockTypes.Image, "data:image/svg+xml,<svg onload=alert(1)>"));

        Assert.Empty(page.QuerySelectorAll("script, a, img, [onload]"));
        Assert.Equal("<script>alert(1)</script>clickme", page.QuerySelector("article p")!.TextContent);
    }

    [Fact]
    public void Lists_group_their_items_and_nest_children()
    {
        var page = Page(
            Block(BlockTypes.BulletListItem, Text("a")).Children(Block(BlockTypes.NumberedListItem, Text("a.1")).With("start", 3L)),
            Block(BlockTypes.BulletListItem, Text("b")),
            Block(BlockTypes.CheckListItem, Text("done")).With("checked", true),
            Block(BlockTypes.ToggleListItem, Text("toggle")).Children(Paragraph("inside")));

        var list = page.QuerySelector("article > ul:not(.checklist)")!;
        Assert.Equal(2, list.Children.Length);
        Assert.Equal("3", list.QuerySelector("li > ol")!.GetAttribute("start"));
        Assert.NotNull(page.QuerySelector("ul.checklist input[type=checkbox][checked][disabled]"));
        Assert.Equal("toggle", page.QuerySelector("details > summary")!.TextContent);
        Assert.Equal("inside", page.QuerySelector("details > p")!.TextContent);
    }

    [Fact]
    public void Styles_colours_and_alignment_become_elements_and_css()
    {
        var page = Page(Paragraph(Text("all", new Styles { Bold = true, Italic = true, Underline = true, Strike = true, Code = true, TextColor = "red" }))
            .With("textAlignment", "center").With("backgroundColor", "blue"));

        var paragraph = page.QuerySelector("article p")!;
        Assert.Equal("background-color: #ddebf1; text-align: center;", paragraph.GetAttribute("style"));
        Assert.NotNull(paragraph.QuerySelector("span[style='color: #e03e3e;'] strong em u s code"));
    }

    [Fact]
    public void Tables_have_header_cells_spans_and_widths()
    {
        var table = Blocks.Block.Create(BlockTypes.Table, new TableContent([120, null], 1, null, [
            new TableRow([TableCell.Of(Text("H1")), TableCell.Of(Text("H2"))]),
            new TableRow([new TableCell([Text("wide")], TableCellProps.Default with { Colspan = 2, TextAlignment = "right" })]),
        ]));

        var page = Page(table);

        Assert.Equal(new[] { "H1", "H2" }, page.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var wide = page.QuerySelector("tbody td")!;
        Assert.Equal("2", wide.GetAttribute("colspan"));
        Assert.Equal("text-align: right;", wide.GetAttribute("style"));
        Assert.Equal("width: 120px;", page.QuerySelector("colgroup col")!.GetAttribute("style"));
    }

    [Fact]
    public void Media_are_figures_with_captions_and_files_are_download_links()
    {
        var page = Page(
            Media(BlockTypes.Image, "/media/cat.png", "cat.png", "A cat").With("previewWidth", 320L),
            Media(BlockTypes.Video, "https://example.test/v.mp4"),
            Media(BlockTypes.File, "/media/r.pdf", "r.pdf"));

        var image = page.QuerySelector("figure img")!;
        Assert.Equal("/media/cat.png", image.GetAttribute("src"));
        Assert.Equal("A cat", image.GetAttribute("alt"));
        Assert.Equal("320", image.GetAttribute("width"));
        Assert.Equal("A cat", page.QuerySelector("figure figcaption")!.TextContent);
        Assert.NotNull(page.QuerySelector("figure video[controls][src='https://example.test/v.mp4']"));
        Assert.Equal("r.pdf", page.QuerySelector("a[download][href='/media/r.pdf']")!.TextContent);
    }

    [Fact]
    public void Code_blocks_keep_their_text_and_language()
    {
        var page = Page(Block(BlockTypes.CodeBlock, Text("if (a < b) {\n}")).With("language", "c"));

        var code = page.QuerySelector("pre > code.language-c")!;
        Assert.Equal("if (a < b) {\n}", code.TextContent);
    }
}
