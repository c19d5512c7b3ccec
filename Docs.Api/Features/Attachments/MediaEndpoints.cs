using Docs.Api.Infrastructure;
using Docs.Core.Attachments;
using Docs.Core.Blobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Docs.Api.Features.Attachments;

/// <summary>
/// <c>/media/{key}</c> (reached through Docs.Web's gateway): an attachment for whoever may read a
/// document holding it, 404 for anyone else. Ranges and conditional requests are honoured; the answer
/// can never run as a page of the site (sandboxed, not sniffed, downloaded unless it is media or PDF). With S3, a large
/// file may be a redirect to a short-lived signed URL of the store (<see cref="MediaOptions.RedirectAbove"/>).
/// </summary>
public static class MediaEndpoints
{
    private const string Route = "/media/{**key}";

    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, ServeAsync).WithTags("Attachments").Describe()
            .WithName("GetMedia").WithSummary("An attachment's bytes, for whoever may read a document holding it (ranges and conditional requests honoured).");
        app.MapMethods(Route, [HttpMethods.Head], ServeAsync).WithTags("Attachments").Describe()
            .WithName("GetMediaHeaders").WithSummary("An attachment's headers only.");
        return app;
    }

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
        .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream")
        .Produces(StatusCodes.Status304NotModified)
        .Produces(StatusCodes.Status302Found);

    private static async Task<Results<FileStreamHttpResult, RedirectHttpResult, NotFoundProblem>> ServeAsync(HttpContext context, MediaAccess access,
        IBlobStore blobs, IOptionsSnapshot<MediaOptions> options, string key)
    {
        if (!await access.MayReadAsync(key, context.User, context.RequestAborted)
            || await blobs.OpenReadAsync(key, context.RequestAborted) is not { } content)
        {
            return Problems.NotFound();
        }
        var type = AttachmentKeys.TypeOf(key);
        var name = Path.GetFileName(key);
        var disposition = new ContentDispositionHeaderValue(type.IsInline ? "inline" : "attachment") { FileName = name }.ToString();
        var mediaType = type == ContentSniffer.Text ? "text/plain; charset=utf-8" : type.MediaType;
        if (blobs is S3BlobStore s3 && options.Value.RedirectAbove is { } above && content.Length > above)
        {
            // A large file comes straight from the store, on its own origin (never this site's), signed for a minute.
            await content.DisposeAsync();
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Redirect(s3.PresignGet(key, options.Value.RedirectLifetime, mediaType, disposition));
        }
        var headers = context.Response.Headers;
        headers.CacheControl = "private";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox";
        if (type.IsInline)
        {
            headers.ContentDisposition = disposition;
        }
        // A key's bytes never change: the key itself is a strong validator.
        var etag = new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(name)}\"");
        return TypedResults.Stream(content, mediaType, type.IsInline ? null : name, lastModified: null, etag, enableRangeProcessing: true);
    }
}
