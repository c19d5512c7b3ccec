namespace Docs.Core.Data.Entities;

/// <summary>
/// The verdict of the malware scan on one attachment (only when <c>Media:ScanUrl</c> is set): <see cref="ScanStatus.Processing"/>
/// until the scanner answers, then <see cref="ScanStatus.Ready"/> or <see cref="ScanStatus.Unsafe"/>. An attachment without a
/// row was stored while scanning was off, and is served as any other.
/// </summary>
public sealed class AttachmentScan
{
    /// <summary>The blob's key.</summary>
    public required string Key { get; set; }

    public required string Status { get; set; }

    /// <summary>Who uploaded it: the only one it is served to while it is being scanned.</summary>
    public Guid? UploaderId { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset? ScannedAt { get; set; }

    /// <summary>For a copy (a duplicate's) made while its original was being scanned: the key whose verdict it will share.</summary>
    public string? CopiedFrom { get; set; }
}
