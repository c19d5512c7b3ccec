using Docs.Core.Access;

namespace Docs.Core.Data.Entities;

/// <summary>A user's role on a document (and so on its descendants); one per user and document.</summary>
public sealed class DocumentAccess
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public Document? Document { get; set; }

    public Guid UserId { get; set; }

    public User? User { get; set; }

    public Role Role { get; set; } = Role.Reader;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
