using System.Text.RegularExpressions;

namespace Docs.Core.Attachments;

/// <summary>Attachment keys, <c>{document-id}/attachments/{uuid}.{ext}</c>: made here, and checked here before any lookup.</summary>
public static partial class AttachmentKeys
{
    public static string New(Guid documentId, AttachmentType type) =>
        $"{documentId:D}/attachments/{Guid.NewGuid():D}.{type.Extension}";

    /// <summary>Whether <paramref name="key"/> is one this application could have made (so no <c>../</c>, no other folder).</summary>
    public static bool IsWellFormed(string? key) => key is not null && Shape().IsMatch(key);

    /// <summary>The type the key's extension stands for.</summary>
    public static AttachmentType TypeOf(string key) =>
        AttachmentType.FromExtension(key[(key.LastIndexOf('.') + 1)..]) ?? AttachmentType.Unknown;

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/attachments/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.[a-z0-9]{1,5}\\z")]
    private static partial Regex Shape();
}
