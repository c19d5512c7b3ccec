using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Attachments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Docs.Api.Features.Attachments;

/// <summary>Where an attachment of the document stands with the malware scan, for the editor to show it once it is ready.</summary>
public sealed record MediaCheckResponse(string Status, string? File);

/// <summary><c>documents/{id}/media-check/?key=</c> (the reference's): the status of an attachment the document holds.</summary>
public static class MediaCheckEndpoints
{
    public static RouteGroupBuilder MapMediaCheckEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/documents/{id:guid}/media-check/", CheckAsync)
            .WithTags("Attachments")
            .RequireDocument(a => a.Retrieve)
            .WithName("CheckMedia")
            .WithSummary("Whether an attachment of the document is being scanned, ready, or unsafe (with its URL once it may be served to the caller).");
        return api;
    }

    private static async Task<Results<Ok<MediaCheckResponse>, NotFoundProblem, FieldsProblem>> CheckAsync(CurrentDocument current, AttachmentScans scans,
        string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Problems.Validation("key", "Name the attachment's key.");
        }
        if (!current.Document.Attachments.Contains(key, StringComparer.Ordinal))
        {
            return Problems.NotFound();
        }
        var (status, uploader) = await scans.StatusOfAsync(key, cancellationToken);
        return TypedResults.Ok(new MediaCheckResponse(status, ScanStatus.MayServe(status, uploader, current.UserId) ? AttachmentUrls.Of(key) : null));
    }
}
