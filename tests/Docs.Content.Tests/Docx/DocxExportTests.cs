using Docs.Content.Blocks;
using TableCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;
using TableRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;
using Docs.Content.Docx;
using Docs.Content.Tests.Interop;
using Docs.Content.Yjs;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using static Docs.Content.Tests.TestBlocks;
using Dw = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Docs.Content.Tests.Docx;

/// <summary>The DOCX export: valid Office Open XML, with Word's own structures (heading styles, lists, tables, hyperlinks, pictures).</summary>
public sealed class DocxExportTests
{
    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);

    [Theory]
    [MemberData(nameof(BlockNoteCorpus.Readable), MemberType = typeof(BlockNoteCorpus))]
    public void Every_document_exports_to_a_file_the_validator_accepts(string name)
    {
        var blocks = BlockNoteYjs.Read(BlockNoteCorpus.Get(name).Update);

        using var document = Open(DocxExporter.ToDocx(blocks, name, _ => new DocxImage(Png, "image/png")));

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void Headings_use_Words_heading_styles_with_outline_levels()
    {
        using var document = Open(DocxExporter.ToDocx([Block(BlockTypes.Heading, Text("Two")).With("level", 2L)], "Title"));

        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ToList();
        Assert.Equal("Title", paragraphs[0].ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        Assert.Equal("Heading2", paragraphs[1].ParagraphProperties!.ParagraphStyleId!.Val!.Value);
        var style = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "Heading2");
        Assert.Equal(1, style.StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal("Title", document.PackageProperties.Title);
    }

    [Fact]
    public void Lists_are_real_numbered_and_bulleted_lists_that_nest_and_restart()
    {
        using var document = Open(DocxExporter.ToDocx([
            Block(BlockTypes.NumberedListItem, Text("seven")).With("start", 7L).Children(Block(BlockTypes.BulletListItem, Text("nested"))),
            Block(BlockTypes.NumberedListItem, Text("eight")),
            Paragraph("between"),
            Block(BlockTypes.NumberedListItem, Text("one again")),
        ], "Lists"));

        var items = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.NumberingProperties is not null)
            .Select(p => (Text: p.InnerText, Numbering: p.ParagraphProperties!.NumberingProperties!))
            .ToList();
        Assert.Equal(["seven", "nested", "eight", "one again"], items.Select(i => i.Text));
        Assert.Equal([0, 1, 0, 0], items.Select(i => i.Numbering.NumberingLevelReference!.Val!.Value));
        var seven = items[0].Numbering.NumberingId!.Val!.Value;
        Assert.Equal(seven, items[2].Numbering.NumberingId!.Val!.Value);
        Assert.NotEqual(seven, items[3].Numbering.NumberingId!.Val!.Value);
        var instances = document.MainDocumentPart.NumberingDefinitionsPart!.Numbering!.Elements<NumberingInstance>().ToDictionary(n => n.NumberID!.Value);
        Assert.Equal(7, instances[seven].GetFirstChild<LevelOverride>()!.StartOverrideNumberingValue!.Val!.Value);
    }

    [Fact]
    public void Links_are_hyperlinks_and_unsafe_ones_plain_text()
    {
        using var document = Open(DocxExporter.ToDocx([
            Paragraph(new Link("https://example.test/page", [Text("safe")]), new Link("javascript:alert(1)", [Text("unsafe")])),
        ], "Links"));

        var main = document.MainDocumentPart!;
        var hyperlink = Assert.Single(main.Document.Body!.Descendants<Hyperlink>());
        Assert.Equal("safe", hyperlink.InnerText);
        Assert.Equal(new Uri("https://example.test/page"), main.HyperlinkRelationships.Single(r => r.Id == hyperlink.Id).Uri);
        Assert.Contains("unsafe", main.Document.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void Images_are_embedded_when_their_bytes_are_found_and_linked_otherwise()
    {
        var blocks = new[]
        {
            Media(BlockTypes.Image, "/media/found.png", caption: "Found").With("previewWidth", 200L),
            Media(BlockTypes.Image, "/media/missing.png", name: "missing.png"),
        };

        using var document = Open(DocxExporter.ToDocx(blocks, "Images", url => url.EndsWith("found.png", StringComparison.Ordinal) ? new DocxImage(Png, "image/png") : null));

        var main = document.MainDocumentPart!;
        var image = Assert.Single(main.ImageParts);
        using (var stored = image.GetStream())
        using (var copy = new MemoryStream())
        {
            stored.CopyTo(copy);
            Assert.Equal(Png, copy.ToArray());
        }
        var extent = Assert.Single(main.Document.Body!.Descendants<Dw.Extent>());
        Assert.Equal(200 * 9525L, extent.Cx!.Value);
        Assert.Equal(200 * 9525L, extent.Cy!.Value);
        Assert.Contains(main.Document.Body!.Descendants<Hyperlink>(), link => link.InnerText == "missing.png");
        Assert.Contains(main.Document.Body!.Elements<Paragraph>(), p => p.InnerText == "Found");
    }

    [Fact]
    public void Tables_keep_header_rows_spans_and_merged_rows()
    {
        var table = Blocks.Block.Create(BlockTypes.Table, new TableContent([100, null, null], 1, null, [
            new Blocks.TableRow([Blocks.TableCell.Of(Text("A")), Blocks.TableCell.Of(Text("B")), Blocks.TableCell.Of(Text("C"))]),
            new Blocks.TableRow([new Blocks.TableCell([Text("wide")], TableCellProps.Default with { Colspan = 2 }), new Blocks.TableCell([Text("tall")], TableCellProps.Default with { Rowspan = 2 })]),
            new Blocks.TableRow([Blocks.TableCell.Of(Text("x")), Blocks.TableCell.Of(Text("y"))]),
        ]));

        using var document = Open(DocxExporter.ToDocx([table], "Table"));

        var rows = document.MainDocumentPart!.Document.Body!.Descendants<TableRow>().ToList();
        Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
        var middle = rows[1].Elements<TableCell>().ToList();
        Assert.Equal(2, middle[0].TableCellProperties!.GridSpan!.Val!.Value);
        Assert.Equal(MergedCellValues.Restart, middle[1].TableCellProperties!.VerticalMerge!.Val!.Value);
        var last = rows[2].Elements<TableCell>().ToList();
        Assert.Equal(["x", "y", ""], last.Select(c => c.InnerText));
        Assert.Equal(MergedCellValues.Continue, last[2].TableCellProperties!.VerticalMerge!.Val!.Value);
        Assert.Equal("1500", document.MainDocumentPart.Document.Body.Descendants<GridColumn>().First().Width!.Value);
    }

    [Fact]
    public void Code_keeps_its_lines_in_the_monospace_code_style()
    {
        using var document = Open(DocxExporter.ToDocx([Block(BlockTypes.CodeBlock, Text("a  = 1\nb = 2"))], "Code"));

        var code = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Single(p => p.ParagraphProperties?.ParagraphStyleId?.Val == "Code");
        Assert.Equal(["a  = 1", "b = 2"], code.Descendants<DocumentFormat.OpenXml.Wordprocessing.Text>().Select(t => t.Text));
        Assert.Single(code.Descendants<Break>());
        var style = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "Code");
        Assert.Equal("Consolas", style.StyleRunProperties!.RunFonts!.Ascii!.Value);
    }
}
