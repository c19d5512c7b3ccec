using Docs.Core.Blobs;

namespace Docs.Core.Attachments;

/// <summary>A copy's own attachments: the original's key of each new key, and the content that names the new keys.</summary>
public sealed record CopiedAttachments(IReadOnlyDictionary<string, string> NewKeys, byte[]? Content)
{
    public string[] Keys => [.. NewKeys.Values];
}

/// <summary>
/// Gives a document's copy attachments of its own: each blob the original holds is copied (as a stream) under a new key
/// <c>{copy-id}/attachments/{uuid}.{ext}</c>, and the copy's content names the new keys. A blob copied for a copy that is
/// then never saved is an orphan, which the daily clean-up deletes.
/// </summary>
public sealed class AttachmentCopies(IBlobStore blobs)
{
    public async Task<CopiedAttachments> CopyAsync(Guid copyId, IReadOnlyCollection<string> keys, byte[]? content, CancellationToken cancellationToken)
    {
        var newKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            var type = AttachmentKeys.TypeOf(key);
            await using var source = await blobs.OpenReadAsync(key, cancellationToken);
            if (source is null)
            {
                continue; // gone from the store: nothing to copy, nothing the copy could serve
            }
            var newKey = AttachmentKeys.New(copyId, type);
            await blobs.WriteAsync(newKey, source, type.MediaType, cancellationToken);
            newKeys[key] = newKey;
        }
        return new CopiedAttachments(newKeys, content is null ? null : AttachmentUrls.Rewrite(content, newKeys));
    }
}
