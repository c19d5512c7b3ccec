using Docs.Core.Attachments;
using Docs.Core.Blobs;
using Docs.Core.Data.Entities;

namespace Docs.Api.Features.Content;

/// <summary>
/// The bytes of a document's own attachment named by a URL in its content (<c>/media/{key}</c>, with a
/// key the document holds), read from the blob store for an export; null for any other URL, a key the
/// document does not hold, or a file larger than an export embeds. Nothing is ever fetched over the network.
/// </summary>
public static class AttachmentBytes
{
    public const long MaxBytes = 20L * 1024 * 1024;

    public static async Task<(byte[] Data, string MediaType)?> ReadAsync(string url, Document document, IBlobStore blobs, CancellationToken cancellationToken)
    {
        if (AttachedImages.KeyOf(url) is not { } key || !document.Attachments.Contains(key, StringComparer.Ordinal))
        {
            return null;
        }
        return await ReadKeyAsync(key, blobs, cancellationToken) is { } data ? (data, AttachmentKeys.TypeOf(key).MediaType) : null;
    }

    /// <summary>The blob under <paramref name="key"/>, if there is one no larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<byte[]?> ReadKeyAsync(string key, IBlobStore blobs, CancellationToken cancellationToken)
    {
        if (await blobs.OpenReadAsync(key, cancellationToken) is not { } stream)
        {
            return null;
        }
        await using (stream)
        {
            if (stream.Length > MaxBytes)
            {
                return null;
            }
            using var copy = new MemoryStream((int)stream.Length);
            await stream.CopyToAsync(copy, cancellationToken);
            return copy.ToArray();
        }
    }
}
