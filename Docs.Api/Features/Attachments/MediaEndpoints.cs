using Docs.Api.Infrastructure;
using Docs.Core.Attachments;
using Docs.Core.Blobs;
using Microsoft.Net.Http.Headers;

namespace Docs.Api.Features.Attachments;

/// <summary>
/// <c>/media/{key}</c> (reached through Docs.Web's gateway): an attachment for whoever may read a
/// document holding it, 404 for anyone else. Ranges and conditional requests are honoured; the answer
/// can never run as a page of the site (sandboxed, not sniffed, downloaded unless it is media or PDF).
/// </summary>
public static class MediaEndpoints
{
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/media/{**key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync).WithTags("Attachments");
        return app;
    }

    private static async Task<IResult> ServeAsync(HttpContext context, MediaAccess access, IBlobStore blobs, string key)
    {
        if (!await access.MayReadAsync(key, context.User, context.RequestAborted)
            || await blobs.OpenReadAsync(key, context.RequestAborted) is not { } content)
        {
            return Problems.NotFound();
        }
        var type = AttachmentKeys.TypeOf(key);
        var headers = context.Response.Headers;
        headers.CacheControl = "private";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox";
        var name = Path.GetFileName(key);
        if (type.IsInline)
        {
            headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = name }.ToString();
        }
        var mediaType = type == ContentSniffer.Text ? "text/plain; charset=utf-8" : type.MediaType;
        // A key's bytes never change: the key itself is a strong validator.
        var etag = new EntityTagHeaderValue($"\"{Path.GetFileNameWithoutExtension(name)}\"");
        return TypedResults.Stream(content, mediaType, type.IsInline ? null : name, lastModified: null, etag, enableRangeProcessing: true);
    }
}
