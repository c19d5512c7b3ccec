namespace Docs.Core.Data.Entities;

/// <summary>A user opened a document through its link: it then shows in their lists.</summary>
public sealed class LinkTrace
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
