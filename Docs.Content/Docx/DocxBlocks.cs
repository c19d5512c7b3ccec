using Docs.Content.Blocks;
using Docs.Content.Html;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Docs.Content.Docx;

/// <summary>
/// Blocks as Word paragraphs and tables: headings in Word's heading styles, list items in real lists
/// (nested blocks one level deeper), task items with a ballot box, code and quotes in their styles,
/// images embedded when their bytes can be had (else linked), other media as links.
/// </summary>
internal sealed class DocxBlocks(MainDocumentPart part, DocxNumbering numbering, DocxImageSource? images)
{
    /// <summary>The width of the text on an A4 page with 2.54 cm margins, in pixels at 96 dpi.</summary>
    private const int TextWidthPixels = DocxExporter.TextWidthTwips / 15;

    private readonly DocxInline _inline = new(part);
    private uint _pictures;

    public void Render(OpenXmlElement body, IReadOnlyList<Block> blocks, int level)
    {
        int? numberedList = null;
        foreach (var block in blocks)
        {
            numberedList = block.Type == BlockTypes.NumberedListItem
                ? numberedList ?? numbering.StartNumberedList(level, block.Props.GetInt("start") ?? 1)
                : null;
            RenderBlock(body, block, level, numberedList);
            Render(body, block.Children, BlockTypes.IsListItem(block.Type) ? Math.Min(level + 1, DocxNumbering.MaxLevel) : level);
        }
    }

    private void RenderBlock(OpenXmlElement body, Block block, int level, int? numberedList)
    {
        var color = block.Props.GetString("textColor");
        switch (block.Type)
        {
            case BlockTypes.Heading:
                body.Append(Paragraph(block, DocxStyles.Heading(block.Props.GetInt("level") ?? 1), _inline.Render(block.Inline, color)));
                break;
            case BlockTypes.BulletListItem or BlockTypes.ToggleListItem:
                body.Append(Paragraph(block, DocxStyles.ListParagraph, _inline.Render(block.Inline, color), DocxNumbering.Properties(DocxNumbering.Bullet, level)));
                break;
            case BlockTypes.NumberedListItem:
                body.Append(Paragraph(block, DocxStyles.ListParagraph, _inline.Render(block.Inline, color), DocxNumbering.Properties(numberedList!.Value, level)));
                break;
            case BlockTypes.CheckListItem:
                var box = DocxInline.Text(block.Props.GetBool("checked") ? "☒ " : "☐ ");
                var item = Paragraph(block, DocxStyles.ListParagraph, [box, .. _inline.Render(block.Inline, color)]);
                item.ParagraphProperties!.Indentation = new Indentation { Left = (360 * (level + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                body.Append(item);
                break;
            case BlockTypes.Quote:
                body.Append(Paragraph(block, DocxStyles.Quote, _inline.Render(block.Inline, color)));
                break;
            case BlockTypes.CodeBlock:
                body.Append(Paragraph(block, DocxStyles.Code, [DocxInline.Text(InlineNode.PlainText(block.Inline))]));
                break;
            case BlockTypes.Table when block.Content is TableContent table:
                body.Append(DocxTable.Render(table, _inline));
                // Word joins adjacent tables: a paragraph keeps them apart.
                body.Append(new Paragraph());
                break;
            case BlockTypes.Image or BlockTypes.Video or BlockTypes.Audio or BlockTypes.File:
                Media(body, block);
                break;
            case BlockTypes.Divider:
                body.Append(new Paragraph(new ParagraphProperties
                {
                    ParagraphBorders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "D0D7DE" }),
                }));
                break;
            case BlockTypes.PageBreak:
                body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
                break;
            case var _ when block.Content is PreservedContent preserved:
                body.Append(Paragraph(block, null, [DocxInline.Text(preserved.ToPlainText())]));
                break;
            default:
                body.Append(Paragraph(block, null, _inline.Render(block.Inline, color)));
                break;
        }
    }

    private void Media(OpenXmlElement body, Block block)
    {
        var url = SafeUrl.Check(block.Props.GetString("url"));
        var name = block.Props.GetString("name") ?? "";
        var caption = block.Props.GetString("caption") ?? "";
        if (url is null)
        {
            return;
        }
        if (block.Type == BlockTypes.Image && Picture(url, block, caption.Length > 0 ? caption : name) is { } picture)
        {
            body.Append(Paragraph(block, null, [picture]));
        }
        else
        {
            var label = name.Length > 0 ? name : url;
            body.Append(Paragraph(block, null, _inline.Render([new Link(url, [new StyledText(label, Blocks.Styles.None)])])));
        }
        if (caption.Length > 0)
        {
            body.Append(Paragraph(block, null, [DocxInline.Text(caption, new RunProperties { Italic = new Italic() })]));
        }
    }

    /// <summary>The image embedded in a run, at its preview width (or its own), never wider than the page.</summary>
    private Run? Picture(string url, Block block, string description)
    {
        if (images?.Invoke(url) is not { } image || ImageSize.Of(image.Data) is not var (width, height) || PartType(image.ContentType) is not { } type)
        {
            return null;
        }
        var imagePart = part.AddImagePart(type);
        using (var data = new MemoryStream(image.Data, writable: false))
        {
            imagePart.FeedData(data);
        }
        var shown = Math.Min(block.Props.GetNumber("previewWidth") is double preview && preview > 0 ? preview : width, TextWidthPixels);
        var shownHeight = shown * height / width;
        return new Run(DocxDrawing.Inline(part.GetIdOfPart(imagePart), ++_pictures,
            (long)(shown * DocxDrawing.EmusPerPixel), (long)(shownHeight * DocxDrawing.EmusPerPixel), description));
    }

    private static PartTypeInfo? PartType(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/png" => ImagePartType.Png,
        "image/jpeg" or "image/jpg" => ImagePartType.Jpeg,
        "image/gif" => ImagePartType.Gif,
        _ => null,
    };

    private static Paragraph Paragraph(Block block, string? style, IEnumerable<OpenXmlElement> content, NumberingProperties? list = null)
    {
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.ParagraphStyleId = new ParagraphStyleId { Val = style };
        }
        if (list is not null)
        {
            properties.NumberingProperties = list;
        }
        if (DocxInline.Hex(BlockColors.Background(block.Props.GetString("backgroundColor"))) is { } fill)
        {
            properties.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill };
        }
        properties.Justification = Justification(block.Props.GetString("textAlignment"));
        var paragraph = new Paragraph(properties);
        paragraph.Append(content);
        return paragraph;
    }

    public static Justification? Justification(string? alignment) => alignment switch
    {
        "center" => new Justification { Val = JustificationValues.Center },
        "right" => new Justification { Val = JustificationValues.Right },
        "justify" => new Justification { Val = JustificationValues.Both },
        _ => null,
    };
}
