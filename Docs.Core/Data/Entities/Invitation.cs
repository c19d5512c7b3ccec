using Docs.Core.Access;

namespace Docs.Core.Data.Entities;

/// <summary>An invitation by email, turned into an access when that address signs in (valid 7 days).</summary>
public sealed class Invitation
{
    public static readonly TimeSpan Validity = TimeSpan.FromDays(7);

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid DocumentId { get; set; }

    public Document? Document { get; set; }

    public required string Email { get; set; }

    public Role Role { get; set; } = Role.Reader;

    public Guid? IssuerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
