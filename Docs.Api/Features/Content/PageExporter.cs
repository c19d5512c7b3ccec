using System.Net.Mime;
using System.Text;
using Docs.Api.Features.Attachments;
using Docs.Api.Features.Content.Pdf;
using Docs.Content.Blocks;
using Docs.Content.Docx;
using Docs.Content.Html;
using Docs.Content.Markdown;
using Docs.Core.Blobs;
using Docs.Core.Data.Entities;

namespace Docs.Api.Features.Content;

/// <summary>
/// One page as a file in an export format: Markdown, a standalone HTML page, DOCX or PDF (the last two
/// with the document's own pictures embedded, read from the blob store as the caller may be served them). The single-page export and
/// each page of an export with sub-pages come from here.
/// </summary>
public sealed class PageExporter(ServedBlobs blobs, PdfRenderer pdf)
{
    public const string MarkdownMediaType = "text/markdown; charset=utf-8";
    public const string HtmlMediaType = MediaTypeNames.Text.Html + "; charset=utf-8";

    public static string ShownTitle(string? title) => string.IsNullOrWhiteSpace(title) ? "Untitled document" : title;

    /// <summary><paramref name="blocks"/> of <paramref name="document"/> in <paramref name="format"/>; PDF throws <see cref="PdfUnavailableException"/> without a browser.</summary>
    public async Task<ExportedFile> ExportAsync(Document document, IReadOnlyList<Block> blocks, ExportFormat format, PaperSize paper,
        CancellationToken cancellationToken)
    {
        var title = ShownTitle(document.Title);
        switch (format)
        {
            case ExportFormat.Md:
                return new ExportedFile(Encoding.UTF8.GetBytes(MarkdownExporter.ToMarkdown(blocks)), MarkdownMediaType, "md");
            case ExportFormat.Html:
                return new ExportedFile(Encoding.UTF8.GetBytes(HtmlExporter.ToPage(blocks, title)), HtmlMediaType, "html");
            case ExportFormat.Docx:
                var images = await AttachedImages.LoadAsync(blocks, document, blobs, cancellationToken);
                return new ExportedFile(DocxExporter.ToDocx(blocks, title, images), DocxExporter.MediaType, "docx");
            default:
                var printed = await pdf.RenderAsync(HtmlExporter.ToPage(blocks, title), paper,
                    (url, token) => AttachmentBytes.ReadAsync(url, document, blobs, token), cancellationToken);
                return new ExportedFile(printed, MediaTypeNames.Application.Pdf, "pdf");
        }
    }
}
