using Docs.Core.Access;
using Docs.Core.Data.Entities;

namespace Docs.Api.Features.Documents;

/// <summary>A document as the API shows it, with what the caller may do with it.</summary>
public sealed record DocumentResponse(
    Guid Id,
    string? Title,
    string? Excerpt,
    string Path,
    int Depth,
    int Numchild,
    LinkReach LinkReach,
    LinkRole LinkRole,
    LinkReach ComputedLinkReach,
    LinkRole ComputedLinkRole,
    Guid? Creator,
    bool IsFavorite,
    Role? UserRole,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    DocumentAbilities Abilities)
{
    public static DocumentResponse From(Document document, ResolvedAccess access, bool isFavorite) => new(
        document.Id, document.Title, document.Excerpt, document.Path, document.Depth, document.NumChild,
        document.LinkReach, document.LinkRole, access.ComputedLink.Reach, access.ComputedLink.Role,
        document.CreatorId, isFavorite, access.EffectiveRole, document.CreatedAt, document.UpdatedAt,
        document.DeletedAt ?? document.AncestorsDeletedAt, access.Abilities);
}

/// <summary>A node of <c>tree/</c> and <c>descendants/</c>: the document, and its children when they are part of the answer.</summary>
public sealed record TreeNode(
    Guid Id,
    string? Title,
    string Path,
    int Depth,
    int Numchild,
    DateTimeOffset UpdatedAt,
    Role? UserRole,
    DocumentAbilities Abilities,
    List<TreeNode>? Children);
