namespace Docs.Core.Attachments;

/// <summary>What a file is, as its bytes tell: its media type and the extension its key gets.</summary>
public sealed record AttachmentType(string MediaType, string Extension)
{
    public static readonly AttachmentType Unknown = new("application/octet-stream", "bin");

    /// <summary>Shown in the page (images, audio, video, PDF); anything else is served as a download.</summary>
    public bool IsInline =>
        MediaType.StartsWith("image/", StringComparison.Ordinal) || MediaType.StartsWith("audio/", StringComparison.Ordinal)
        || MediaType.StartsWith("video/", StringComparison.Ordinal) || MediaType == "application/pdf";

    /// <summary>Every type <see cref="ContentSniffer"/> recognises, by the extension it gives (how a served key finds its type again).</summary>
    public static AttachmentType? FromExtension(string extension) =>
        ContentSniffer.Known.FirstOrDefault(t => string.Equals(t.Extension, extension, StringComparison.OrdinalIgnoreCase));
}
