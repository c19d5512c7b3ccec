namespace Docs.Core.Blobs;

/// <summary>
/// Where attachments' bytes live: a local folder or an S3 bucket (<see cref="BlobStores"/>). Keys are
/// paths such as <c>{document-id}/attachments/{uuid}.png</c>; a key's bytes never change once written.
/// Everything goes through streams: a blob is never held whole in memory.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>; when it throws, nothing is left under the key.</summary>
    Task WriteAsync(string key, Stream content, string mediaType, CancellationToken cancellationToken);

    /// <summary>A seekable stream over the blob (its length known, so ranges can be served), or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the blob; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Every blob of the store, as it goes (page by page, never all at once); a blob still being written is not listed.</summary>
    IAsyncEnumerable<StoredBlob> ListAsync(CancellationToken cancellationToken);
}
