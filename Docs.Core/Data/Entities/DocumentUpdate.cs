namespace Docs.Core.Data.Entities;

/// <summary>
/// One Yjs update (v1) accepted by Docs.Collab, appended before it is acknowledged. The log is folded
/// into <see cref="Document.Content"/> when the document goes idle or the log grows.
/// </summary>
public sealed class DocumentUpdate
{
    public long Id { get; set; }

    public Guid DocumentId { get; set; }

    public required byte[] Data { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
