using Docs.Core.Attachments;

namespace Docs.Api.Features.Attachments;

/// <summary>The <c>Media</c> settings: how large an upload may be, and which types (as the bytes tell) are accepted.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>10 MiB, the reference's limit.</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>
    /// The malware scanner every upload is sent to (README, Attachments); unset, nothing is scanned. While a file is being
    /// scanned it is served to its uploader only; a file found unsafe is served to nobody.
    /// </summary>
    public Uri? ScanUrl { get; set; }

    /// <summary>
    /// With an S3 store, files larger than this are answered with a redirect to a short-lived signed URL of the store
    /// (<see cref="RedirectLifetime"/>) instead of passing through the API and the web front; unset, every file is proxied.
    /// </summary>
    public long? RedirectAbove { get; set; }

    /// <summary>How long a redirect's signed URL works: long enough to start the download, short enough not to be shared.</summary>
    public TimeSpan RedirectLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Media types; unset means <see cref="ContentSniffer.DefaultAllowed"/>.</summary>
    public string[]? AllowedTypes { get; set; }

    public bool Allows(AttachmentType type) =>
        type != AttachmentType.Unknown && (AllowedTypes ?? ContentSniffer.DefaultAllowed).Contains(type.MediaType, StringComparer.OrdinalIgnoreCase);
}
