namespace Docs.Core.Data.Entities;

/// <summary>A person, provisioned from the identity provider's claims (matched by <see cref="Sub"/>).</summary>
public sealed class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The OpenID Connect subject: unique, stable.</summary>
    public required string Sub { get; set; }

    public string? Email { get; set; }

    public string? FullName { get; set; }

    public string? ShortName { get; set; }

    public string Language { get; set; } = "en-us";

    public string Timezone { get; set; } = "UTC";

    public bool IsActive { get; set; } = true;

    public bool IsStaff { get; set; }

    /// <summary>True until the user has been through the first-connection flow.</summary>
    public bool IsFirstConnection { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
