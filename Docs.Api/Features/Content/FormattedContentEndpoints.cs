using System.Net.Mime;
using System.Text;
using System.Text.Json;
using Docs.Api.Features.Documents;
using Docs.Api.Features.Content.Pdf;
using Docs.Api.Infrastructure;
using Docs.Content.Docx;
using Docs.Content.Html;
using Docs.Content.Json;
using Docs.Content.Markdown;
using Docs.Core.Data;

namespace Docs.Api.Features.Content;

/// <summary>The content of a formatted-content answer: a string (Markdown, HTML) or BlockNote's blocks (JSON); null for a document never written.</summary>
public sealed record FormattedContentResponse(Guid Id, string? Title, JsonElement? Content, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// A document's content converted on the server, for scripts and for the UI's exports:
/// <c>documents/{id}/formatted-content/?content_format=json|markdown|html</c> (the reference's API) and
/// <c>documents/{id}/export/?format=md|html|docx|pdf&amp;paper=a4|letter&amp;with_descendants=</c> (one page as a file,
/// DOCX and PDF with the document's own images embedded; or the page and its sub-pages as a zip, <see cref="Tree.TreeExporter"/>). Both need the <c>content</c>
/// ability (<see cref="DocumentAccessFilter.RequireDocument{TBuilder}"/>); a document the caller cannot see is a 404.
/// </summary>
public static class FormattedContentEndpoints
{
    /// <summary>The API's JSON conventions, with room for blocks nested as deeply as the model reads them (the default stops at 64).</summary>
    private static readonly JsonSerializerOptions DeepJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        MaxDepth = 1024,
    };

    public static RouteGroupBuilder MapFormattedContentEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents/{id:guid}").WithTags("Content");
        documents.MapGet("/formatted-content/", FormattedContentAsync).RequireDocument(a => a.Content)
            .Produces<FormattedContentResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("GetFormattedContent").WithSummary("The document's content as BlockNote's blocks (json), Markdown or HTML.");
        documents.MapGet("/export/", ExportAsync).RequireDocument(a => a.Content)
            .Produces(StatusCodes.Status200OK, contentType: "text/markdown").Produces(StatusCodes.Status200OK, contentType: MediaTypeNames.Text.Html)
            .Produces(StatusCodes.Status200OK, contentType: DocxExporter.MediaType).Produces(StatusCodes.Status200OK, contentType: MediaTypeNames.Application.Pdf)
            .Produces(StatusCodes.Status200OK, contentType: MediaTypeNames.Application.Zip)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ExportDocument")
            .WithSummary("The page as a file (Markdown, standalone HTML, DOCX or PDF, its own pictures embedded), or with its sub-pages as a zip following the tree.");
        return api;
    }

    private static async Task<IResult> FormattedContentAsync(HttpContext context, CurrentDocument current, DocsDbContext db, string? content_format)
    {
        if (ContentFormats.ParseContentFormat(content_format) is not { } format)
        {
            return Problems.Validation("content_format", ContentFormats.ContentFormatChoices);
        }
        var (content, problem) = await DocumentBlocks.ReadAsync(db, current.Id, context.RequestAborted);
        if (content is null)
        {
            return Problems.Conflict(problem!);
        }
        JsonElement? converted = content.Blocks is not { } blocks ? null : format switch
        {
            ContentFormat.Markdown => JsonSerializer.SerializeToElement(MarkdownExporter.ToMarkdown(blocks)),
            ContentFormat.Html => JsonSerializer.SerializeToElement(HtmlExporter.ToHtml(blocks)),
            _ => BlocksJson(blocks),
        };
        var document = current.Document;
        return Results.Json(new FormattedContentResponse(document.Id, document.Title, converted, document.CreatedAt, document.UpdatedAt), DeepJson);
    }

    private static async Task<IResult> ExportAsync(HttpContext context, CurrentDocument current, DocsDbContext db, PageExporter exporter,
        Tree.TreeExporter trees, string? format, bool? with_descendants, string? paper)
    {
        if (ContentFormats.ParseExportFormat(format) is not { } exportFormat)
        {
            return Problems.Validation("format", ContentFormats.ExportFormatChoices);
        }
        if (PaperSizes.Parse(paper) is not { } paperSize)
        {
            return Problems.Validation("paper", PaperSizes.Choices);
        }
        if (with_descendants is true)
        {
            return await trees.ExportAsync(current, exportFormat, paperSize, context.RequestAborted);
        }
        var (content, problem) = await DocumentBlocks.ReadAsync(db, current.Id, context.RequestAborted);
        if (content is null)
        {
            return Problems.Conflict(problem!);
        }
        try
        {
            var file = await exporter.ExportAsync(current.Document, content.Blocks ?? [], exportFormat, paperSize, context.RequestAborted);
            return Results.File(file.Data, file.MediaType, ExportFileName.For(current.Document.Title, file.Extension));
        }
        catch (PdfUnavailableException ex)
        {
            return PdfUnavailable(ex);
        }
    }

    /// <summary>503: this server cannot print PDFs until what the message names is installed.</summary>
    public static IResult PdfUnavailable(PdfUnavailableException ex) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF export unavailable", detail: ex.Message);

    private static JsonElement BlocksJson(IReadOnlyList<Docs.Content.Blocks.Block> blocks)
    {
        using var json = JsonDocument.Parse(BlockJsonWriter.ToJson(blocks), new JsonDocumentOptions { MaxDepth = 1024 });
        return json.RootElement.Clone();
    }
}
