using Docs.Api.Authentication;
using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Content;
using Docs.Content.Docx.Import;
using Docs.Core.Access;
using Docs.Core.Data.Entities;
using Microsoft.AspNetCore.Http.Metadata;

namespace Docs.Api.Features.Content.Import;

/// <summary>
/// Imports, as the reference's: <c>POST documents/</c> and <c>POST documents/{id}/children/</c> with a
/// multipart body whose <c>file</c> field is a Markdown, HTML or Word file, or a zip of Markdown files (a
/// tree of pages); an optional <c>title</c> field names the page (else the file's name does). The JSON
/// creations stay where they are: routing picks these endpoints for <c>multipart/form-data</c> bodies.
/// </summary>
public static class ImportEndpoints
{
    public const string FileField = "file";
    /// <summary>
    /// What routing picks these endpoints by: a multipart body (no request type, so the API's input checks leave
    /// the body to the handler). Left out of the OpenAPI document, which has one operation per path and method:
    /// the JSON creations are the ones described there.
    /// </summary>
    private static readonly AcceptsMetadata MultipartBody = new(["multipart/form-data"]);

    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/documents").WithTags("Documents");
        documents.MapPost("/", ImportAsync).WithMetadata(MultipartBody).RequireAuthorization().RequireRateLimiting(RateLimits.Documents)
            .Produces<DocumentResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ExcludeFromDescription().WithName("ImportDocument").WithSummary("Creates a document (or a tree, from a zip of Markdown files) from an uploaded .md, .html, .docx or .zip file.");
        documents.MapPost("/{id:guid}/children/", ImportChildAsync).WithMetadata(MultipartBody).RequireAuthorization()
            .RequireRateLimiting(RateLimits.Documents).RequireDocument(a => a.ChildrenCreate)
            .Produces<DocumentResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ExcludeFromDescription().WithName("ImportChild").WithSummary("Creates a sub-page (or a tree of them) from an uploaded .md, .html, .docx or .zip file.");
        return api;
    }

    private static Task<IResult> ImportAsync(HttpContext context, DocumentImporter importer, DocumentResponses responses) =>
        ImportUnderAsync(context, importer, responses, parent: null, context.User.GetUserId()!.Value, ownsParent: false);

    private static Task<IResult> ImportChildAsync(HttpContext context, CurrentDocument current, DocumentImporter importer, DocumentResponses responses) =>
        ImportUnderAsync(context, importer, responses, current.Document, current.UserId!.Value, current.Access.EffectiveRole == Role.Owner);

    private static async Task<IResult> ImportUnderAsync(HttpContext context, DocumentImporter importer, DocumentResponses responses, Document? parent,
        Guid userId, bool ownsParent)
    {
        var cancellationToken = context.RequestAborted;
        var (upload, problem) = await ImportedUpload.ReadAsync(context, cancellationToken);
        if (upload is null)
        {
            return problem!;
        }
        if (ImportKinds.Of(upload.FileName, upload.MediaType, upload.Data.AsSpan(0, Math.Min(4, upload.Data.Length))) is not { } kind)
        {
            return Problems.UnsupportedMediaType(ImportKinds.Choices);
        }
        Document created;
        try
        {
            created = await importer.ImportAsync(upload, kind, parent, userId, ownsParent, cancellationToken);
        }
        catch (DocxImportException ex)
        {
            return Problems.Validation(FileField, ex.Message);
        }
        catch (ContentTooDeepException ex)
        {
            return Problems.Validation(FileField, ex.Message);
        }
        return TypedResults.Created($"/api/v1.0/documents/{created.Id}/", await responses.DescribeAsync(created, userId, cancellationToken));
    }
}
