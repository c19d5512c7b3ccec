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

    /// <summary>Media types; unset means <see cref="ContentSniffer.DefaultAllowed"/>.</summary>
    public string[]? AllowedTypes { get; set; }

    public bool Allows(AttachmentType type) =>
        type != AttachmentType.Unknown && (AllowedTypes ?? ContentSniffer.DefaultAllowed).Contains(type.MediaType, StringComparer.OrdinalIgnoreCase);
}
