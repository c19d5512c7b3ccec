using Docs.Api.Authentication;
using Docs.Core.Attachments;
using Docs.Core.Blobs;

namespace Docs.Api.Features.Attachments;

/// <summary>
/// The blob store as an export reads it for the caller: a file the malware scan has not cleared for them (being scanned
/// and not theirs, or unsafe) reads as absent, so an export never embeds what <c>/media/</c> would not serve.
/// </summary>
public sealed class ServedBlobs(IBlobStore store, AttachmentScans scans, IHttpContextAccessor http) : IBlobStore
{
    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var (status, uploader) = await scans.StatusOfAsync(key, cancellationToken);
        return ScanStatus.MayServe(status, uploader, http.HttpContext?.User.GetUserId()) ? await store.OpenReadAsync(key, cancellationToken) : null;
    }

    public Task WriteAsync(string key, Stream content, string mediaType, CancellationToken cancellationToken) =>
        store.WriteAsync(key, content, mediaType, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => store.DeleteAsync(key, cancellationToken);

    public IAsyncEnumerable<StoredBlob> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);
}
