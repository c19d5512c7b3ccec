using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Attachments;
using Docs.Core.Blobs;
using Docs.Core.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Docs.Api.Features.Attachments;

public sealed record AttachmentUploadResponse(string File);

/// <summary>
/// <c>documents/{id}/attachment-upload/</c>: an editor sends one file (multipart, field <c>file</c>); its
/// bytes go to the blob store as they arrive, its type is what its first bytes say, and the key is
/// recorded on the document. The answer is the URL the editor stores in the content.
/// </summary>
public static class AttachmentUploadEndpoints
{
    public const string FileField = "file";

    /// <summary>Room for the multipart framing around the file itself.</summary>
    private const long MultipartOverhead = 64 * 1024;

    /// <summary>How far past the limit a refused body is still read and discarded, rather than the connection cut.</summary>
    private const long MaxDrainedBytes = 64 * 1024 * 1024;

    public static RouteGroupBuilder MapAttachmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/documents/{id:guid}/attachment-upload/", UploadAsync)
            .WithTags("Attachments")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimits.Documents)
            .RequireDocument(a => a.AttachmentUpload)
            .WithName("UploadAttachment")
            .WithSummary("Stores one file (multipart, field 'file') for the document; answers the URL to put in the content.");
        return api;
    }

    private static async Task<Results<Created<AttachmentUploadResponse>, FieldsProblem, BadRequestProblem, TooLargeProblem, UnsupportedMediaTypeProblem>>
        UploadAsync(HttpContext context, CurrentDocument current, DocsDbContext db, IBlobStore blobs, AttachmentScans scans, IOptionsSnapshot<MediaOptions> settings)
    {
        var options = settings.Value;
        var announced = context.Request.ContentLength;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            // An announced body past the limit is refused unread, yet drained (not cut off, up to a bound), so that
            // the caller (or the gateway in between) gets the problem instead of a broken connection.
            bodyLimit.MaxRequestBodySize = Math.Clamp(announced ?? 0, options.MaxUploadBytes + MultipartOverhead, options.MaxUploadBytes + MaxDrainedBytes);
        }
        if (announced > options.MaxUploadBytes + MultipartOverhead)
        {
            return TooLarge(options);
        }
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problems.Validation(FileField, "Send the file as multipart/form-data, in a field named 'file'.");
        }

        var reader = new MultipartReader(boundary, context.Request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (section.GetContentDispositionHeader() is { } disposition && disposition.IsFileDisposition()
                    && disposition.Name.Value == FileField)
                {
                    return await StoreAsync(context, db, blobs, scans, options, current, section.Body);
                }
            }
        }
        catch (UploadTooLargeException)
        {
            return TooLarge(options);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(options); // the server's own body limit, reached before the file's (large parts before it)
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return Problems.BadRequest("The multipart body could not be read.");
        }
        return Problems.Validation(FileField, "Send the file as multipart/form-data, in a field named 'file'.");
    }

    private static async Task<Results<Created<AttachmentUploadResponse>, FieldsProblem, BadRequestProblem, TooLargeProblem, UnsupportedMediaTypeProblem>>
        StoreAsync(HttpContext context, DocsDbContext db, IBlobStore blobs, AttachmentScans scans, MediaOptions options, CurrentDocument current, Stream body)
    {
        var id = current.Id;
        var head = new byte[ContentSniffer.HeadLength];
        var headLength = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, context.RequestAborted);
        if (headLength == 0)
        {
            return Problems.Validation(FileField, "The file is empty.");
        }
        var type = ContentSniffer.Sniff(head.AsSpan(0, headLength));
        if (!options.Allows(type))
        {
            return Problems.UnsupportedMediaType($"Files of this type ({type.MediaType}, as its content shows) cannot be attached.");
        }
        var key = AttachmentKeys.New(id, type);
        await using var upload = new UploadStream(head.AsMemory(0, headLength), body, options.MaxUploadBytes);
        await blobs.WriteAsync(key, upload, type.MediaType, context.RequestAborted);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE documents SET attachments = array_append(attachments, {key}) WHERE id = {id}", context.RequestAborted);
        await scans.StartAsync(key, current.UserId, context.RequestAborted);
        return TypedResults.Created($"/media/{key}", new AttachmentUploadResponse($"/media/{key}"));
    }

    private static TooLargeProblem TooLarge(MediaOptions options) =>
        Problems.TooLarge($"The file is larger than the limit of {options.MaxUploadBytes} bytes.");
}
