using Docs.Content.Blocks;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Docs.Content.Docx;

/// <summary>
/// Blocks as a Word document (DOCX, Office Open XML): the title, then the blocks (see <see cref="DocxBlocks"/>),
/// on A4 pages. Valid for the Open XML SDK's validator.
/// </summary>
public static class DocxExporter
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A4 (21 cm) less two 2.54 cm margins, in twentieths of a point.</summary>
    internal const int TextWidthTwips = 11906 - 2 * 1440;

    public static byte[] ToDocx(IReadOnlyList<Block> blocks, string title, DocxImageSource? images = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = title;
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = DocxStyles.Create();
            var numbering = new DocxNumbering();
            var body = new Body(new Paragraph(new ParagraphProperties { ParagraphStyleId = new ParagraphStyleId { Val = DocxStyles.Title } }, DocxInline.Text(title)));
            new DocxBlocks(main, numbering, images).Render(body, blocks, 0);
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1440, Right = 1440U, Bottom = 1440, Left = 1440U, Header = 720U, Footer = 720U, Gutter = 0U }));
            main.Document = new Document(body);
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = numbering.ToNumbering();
        }
        return stream.ToArray();
    }
}
