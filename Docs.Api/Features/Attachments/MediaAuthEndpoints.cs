using Docs.Core.Blobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Docs.Api.Features.Attachments;

/// <summary>
/// <c>documents/media-auth/</c>, for deployments whose front web server serves <c>/media/</c> itself (the
/// reference's way): it asks here with the original address in <c>X-Original-URL</c>, and gets 200 —
/// with the S3 signature headers to fetch the object with, when the store is S3 — or 403.
/// </summary>
public static class MediaAuthEndpoints
{
    public const string OriginalUrlHeader = "X-Original-URL";
    private const string MediaPrefix = "/media/";

    public static RouteGroupBuilder MapMediaAuthEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/documents/media-auth/", AuthoriseAsync).WithTags("Attachments")
            .Produces(StatusCodes.Status403Forbidden).WithName("AuthoriseMedia").WithSummary("Whether the caller may fetch the attachment named by X-Original-URL (200, with S3 signature headers), or 403.");
        return api;
    }

    private static async Task<Results<Ok, StatusCodeHttpResult>> AuthoriseAsync(HttpContext context, MediaAccess access, IBlobStore blobs, TimeProvider time)
    {
        var original = context.Request.Headers[OriginalUrlHeader].ToString();
        var path = Uri.TryCreate(original, UriKind.RelativeOrAbsolute, out var uri)
            ? (uri.IsAbsoluteUri ? uri.AbsolutePath : original.Split('?', 2)[0])
            : "";
        if (!path.StartsWith(MediaPrefix, StringComparison.Ordinal)
            || !await access.MayReadAsync(path[MediaPrefix.Length..], context.User, context.RequestAborted))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (blobs is S3BlobStore s3)
        {
            foreach (var (name, value) in S3RequestSigner.SignGet(s3.Settings, path[MediaPrefix.Length..], time.GetUtcNow()))
            {
                context.Response.Headers[name] = value;
            }
        }
        return TypedResults.Ok();
    }
}
