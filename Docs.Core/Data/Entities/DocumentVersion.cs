namespace Docs.Core.Data.Entities;

/// <summary>A snapshot of a document's Yjs state kept for its version history (at most one per interval of editing).</summary>
public sealed class DocumentVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public required byte[] Content { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
