using System.Text;
using System.Text.Unicode;

namespace Docs.Core.Attachments;

/// <summary>
/// Decides a file's type from its first bytes (magic numbers), never from the name or the header a
/// client sends: a program named <c>.png</c> is a program. Markup is told apart from plain text, so
/// that HTML never passes for text.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at (office files name their parts within these).</summary>
    public const int HeadLength = 8192;

    public static readonly AttachmentType Png = new("image/png", "png");
    public static readonly AttachmentType Jpeg = new("image/jpeg", "jpg");
    public static readonly AttachmentType Gif = new("image/gif", "gif");
    public static readonly AttachmentType Webp = new("image/webp", "webp");
    public static readonly AttachmentType Svg = new("image/svg+xml", "svg");
    public static readonly AttachmentType Pdf = new("application/pdf", "pdf");
    public static readonly AttachmentType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
    public static readonly AttachmentType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
    public static readonly AttachmentType Pptx = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx");
    public static readonly AttachmentType Odt = new("application/vnd.oasis.opendocument.text", "odt");
    public static readonly AttachmentType Ods = new("application/vnd.oasis.opendocument.spreadsheet", "ods");
    public static readonly AttachmentType Odp = new("application/vnd.oasis.opendocument.presentation", "odp");
    public static readonly AttachmentType Zip = new("application/zip", "zip");
    public static readonly AttachmentType Text = new("text/plain", "txt");
    public static readonly AttachmentType Html = new("text/html", "html");
    public static readonly AttachmentType Mp3 = new("audio/mpeg", "mp3");
    public static readonly AttachmentType Ogg = new("audio/ogg", "ogg");
    public static readonly AttachmentType Wav = new("audio/wav", "wav");
    public static readonly AttachmentType Flac = new("audio/flac", "flac");
    public static readonly AttachmentType M4a = new("audio/mp4", "m4a");
    public static readonly AttachmentType Mp4 = new("video/mp4", "mp4");
    public static readonly AttachmentType QuickTime = new("video/quicktime", "mov");
    public static readonly AttachmentType Webm = new("video/webm", "webm");
    public static readonly AttachmentType Executable = new("application/x-msdownload", "exe");
    public static readonly AttachmentType Elf = new("application/x-executable", "elf");

    public static readonly IReadOnlyList<AttachmentType> Known =
        [Png, Jpeg, Gif, Webp, Svg, Pdf, Docx, Xlsx, Pptx, Odt, Ods, Odp, Zip, Text, Html, Mp3, Ogg, Wav, Flac, M4a, Mp4, QuickTime, Webm, Executable, Elf];

    /// <summary>The types accepted when <c>Media:AllowedTypes</c> is not set: images, PDF, office documents, text, audio, video.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowed =
        [.. new[] { Png, Jpeg, Gif, Webp, Svg, Pdf, Docx, Xlsx, Pptx, Odt, Ods, Odp, Text, Mp3, Ogg, Wav, Flac, M4a, Mp4, QuickTime, Webm }.Select(t => t.MediaType)];

    /// <summary>The type of a file whose first bytes are <paramref name="head"/> (up to <see cref="HeadLength"/>), or <see cref="AttachmentType.Unknown"/>.</summary>
    public static AttachmentType Sniff(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return AttachmentType.Unknown;
        }
        return Binary(head) ?? Markup(head) ?? (IsText(head) ? Text : AttachmentType.Unknown);
    }

    private static AttachmentType? Binary(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png,
        [0xFF, 0xD8, 0xFF, ..] => Jpeg,
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => Gif,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => Webp,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'A', (byte)'V', (byte)'E', ..] => Wav,
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', ..] => Pdf,
        [(byte)'P', (byte)'K', 0x03, 0x04, ..] => ZipBased(head),
        [(byte)'I', (byte)'D', (byte)'3', ..] => Mp3,
        [0xFF, 0xFB or 0xF3 or 0xF2, ..] => Mp3,
        [(byte)'O', (byte)'g', (byte)'g', (byte)'S', ..] => Ogg,
        [(byte)'f', (byte)'L', (byte)'a', (byte)'C', ..] => Flac,
        [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', ..] => IsoMedia(head),
        [0x1A, 0x45, 0xDF, 0xA3, ..] => Webm,
        [(byte)'M', (byte)'Z', ..] => Executable,
        [0x7F, (byte)'E', (byte)'L', (byte)'F', ..] => Elf,
        _ => null,
    };

    /// <summary>OpenDocument names its type in a first, uncompressed <c>mimetype</c> entry; Office Open XML names its parts' folders.</summary>
    private static AttachmentType ZipBased(ReadOnlySpan<byte> head)
    {
        var text = Encoding.Latin1.GetString(head);
        if (text.Contains("mimetypeapplication/vnd.oasis.opendocument.", StringComparison.Ordinal))
        {
            return text.Contains("opendocument.text", StringComparison.Ordinal) ? Odt
                : text.Contains("opendocument.spreadsheet", StringComparison.Ordinal) ? Ods
                : text.Contains("opendocument.presentation", StringComparison.Ordinal) ? Odp
                : Zip;
        }
        if (text.Contains("[Content_Types].xml", StringComparison.Ordinal) || text.Contains("_rels/.rels", StringComparison.Ordinal))
        {
            return text.Contains("word/", StringComparison.Ordinal) ? Docx
                : text.Contains("xl/", StringComparison.Ordinal) ? Xlsx
                : text.Contains("ppt/", StringComparison.Ordinal) ? Pptx
                : Zip;
        }
        return Zip;
    }

    /// <summary>The ISO base media family (<c>ftyp</c> box): the major brand tells audio, QuickTime and video apart.</summary>
    private static AttachmentType IsoMedia(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12)
        {
            return AttachmentType.Unknown;
        }
        var brand = Encoding.Latin1.GetString(head[8..12]);
        return brand switch
        {
            "M4A " or "M4B " => M4a,
            "qt  " => QuickTime,
            _ => Mp4,
        };
    }

    /// <summary>SVG and HTML, by their first markup (after a byte-order mark, blanks, an XML declaration or comments).</summary>
    private static AttachmentType? Markup(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF').TrimStart();
        if (!text.StartsWith('<'))
        {
            return null;
        }
        var lower = text.ToLowerInvariant();
        if (lower.Contains("<svg", StringComparison.Ordinal) && !lower.Contains("<html", StringComparison.Ordinal))
        {
            return Svg;
        }
        // Text that opens with a tag is treated as a page: a browser might render it as one.
        return Html;
    }

    /// <summary>UTF-8 without control characters other than tab, line feed, carriage return and form feed.</summary>
    private static bool IsText(ReadOnlySpan<byte> head)
    {
        // The head may end inside a multi-byte character: allow an incomplete sequence at the very end.
        var complete = head;
        for (var back = 1; back <= 3 && back <= head.Length; back++)
        {
            var b = head[^back];
            if ((b & 0xC0) == 0xC0)
            {
                complete = head[..^back];
                break;
            }
            if ((b & 0x80) == 0)
            {
                break;
            }
        }
        if (!Utf8.IsValid(complete))
        {
            return false;
        }
        foreach (var b in complete)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                return false;
            }
            if (b == 0x7F)
            {
                return false;
            }
        }
        return true;
    }
}
