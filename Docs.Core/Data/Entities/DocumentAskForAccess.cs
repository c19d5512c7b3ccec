using Docs.Core.Access;

namespace Docs.Core.Data.Entities;

/// <summary>A request for access that owners and administrators can accept.</summary>
public sealed class DocumentAskForAccess
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public Guid UserId { get; set; }

    public Role Role { get; set; } = Role.Reader;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
