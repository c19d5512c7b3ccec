using Docs.Core.Access;

namespace Docs.Core.Data.Entities;

/// <summary>
/// A document: a node of a tree stored as a materialized path (fixed-width steps, so a subtree is a
/// prefix and ancestors are the path's prefixes), with its Yjs content.
/// </summary>
public sealed class Document
{
    /// <summary>Characters per tree step in <see cref="Path"/>.</summary>
    public const int StepLength = 7;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string? Title { get; set; }

    public string? Excerpt { get; set; }

    public LinkReach LinkReach { get; set; } = LinkReach.Restricted;

    public LinkRole LinkRole { get; set; } = LinkRole.Reader;

    public Guid? CreatorId { get; set; }

    public User? Creator { get; set; }

    /// <summary>The materialized path: <see cref="StepLength"/> base-36 characters per level.</summary>
    public required string Path { get; set; }

    public int Depth { get; set; } = 1;

    public int NumChild { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Set when the document itself went to the trash.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>Set on descendants when an ancestor went to the trash.</summary>
    public DateTimeOffset? AncestorsDeletedAt { get; set; }

    public Guid? DuplicatedFromId { get; set; }

    /// <summary>Keys of the attachments the content refers to.</summary>
    public List<string> Attachments { get; set; } = [];

    /// <summary>The Yjs state as one v1 update (the compacted snapshot that Docs.Collab maintains).</summary>
    public byte[]? Content { get; set; }

    public DateTimeOffset? ContentUpdatedAt { get; set; }
}
