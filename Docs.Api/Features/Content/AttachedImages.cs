using Docs.Content.Blocks;
using Docs.Content.Docx;
using Docs.Core.Attachments;
using Docs.Core.Blobs;
using Docs.Core.Data.Entities;

namespace Docs.Api.Features.Content;

/// <summary>
/// The images of a document that are its own attachments (<c>/media/{key}</c> with a key the document
/// holds), loaded from the blob store to be embedded in an export. Nothing else is fetched: a remote URL
/// stays a link, so an export never makes the server call an address a document names.
/// </summary>
public static class AttachedImages
{
    private const string MediaPath = "/media/";
    private const int MaxImages = 200;
    private const long MaxImageBytes = 20L * 1024 * 1024;
    private const long MaxTotalBytes = 100L * 1024 * 1024;

    public static async Task<DocxImageSource> LoadAsync(IReadOnlyList<Block> blocks, Document document, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var held = document.Attachments.ToHashSet(StringComparer.Ordinal);
        var loaded = new Dictionary<string, DocxImage>(StringComparer.Ordinal);
        long total = 0;
        foreach (var url in ImageUrls(blocks).Distinct(StringComparer.Ordinal).Take(MaxImages))
        {
            if (KeyOf(url) is not { } key || !held.Contains(key) || await blobs.OpenReadAsync(key, cancellationToken) is not { } stream)
            {
                continue;
            }
            await using (stream)
            {
                if (stream.Length > MaxImageBytes || total + stream.Length > MaxTotalBytes)
                {
                    continue;
                }
                using var copy = new MemoryStream((int)stream.Length);
                await stream.CopyToAsync(copy, cancellationToken);
                total += copy.Length;
                loaded[url] = new DocxImage(copy.ToArray(), AttachmentKeys.TypeOf(key).MediaType);
            }
        }
        return url => loaded.GetValueOrDefault(url);
    }

    /// <summary>The attachment key an image URL names (relative, or absolute on any host: the path decides), if any.</summary>
    public static string? KeyOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri))
        {
            return null;
        }
        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : url.Split('?', '#')[0];
        if (!path.StartsWith(MediaPath, StringComparison.Ordinal))
        {
            return null;
        }
        var key = Uri.UnescapeDataString(path[MediaPath.Length..]);
        return AttachmentKeys.IsWellFormed(key) ? key : null;
    }

    private static IEnumerable<string> ImageUrls(IReadOnlyList<Block> blocks)
    {
        var pending = new Stack<Block>(blocks.Reverse());
        while (pending.TryPop(out var block))
        {
            if (block.Type == BlockTypes.Image && block.Props.GetString("url") is { Length: > 0 } url)
            {
                yield return url;
            }
            foreach (var child in block.Children.Reverse())
            {
                pending.Push(child);
            }
        }
    }
}
