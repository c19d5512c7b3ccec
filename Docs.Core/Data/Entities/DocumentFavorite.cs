namespace Docs.Core.Data.Entities;

/// <summary>A pinned document.</summary>
public sealed class DocumentFavorite
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
