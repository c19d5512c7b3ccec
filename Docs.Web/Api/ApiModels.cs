namespace Docs.Web.Api;

// The API's resources as the UI reads them (snake_case JSON; roles and link settings as the API spells them).

public sealed record Page<T>(int Count, string? Next, string? Previous, List<T> Results);

public sealed record DocumentAbilities(
    bool Retrieve, bool Update, bool PartialUpdate, bool ChildrenList, bool ChildrenCreate, bool Favorite,
    bool Duplicate, bool Destroy, bool Restore, bool Move, bool AccessesView, bool AccessesManage,
    bool InviteOwner, bool LinkConfiguration, bool Leave, bool CollaborationRead, bool CollaborationWrite);

public sealed record Document(
    Guid Id, string? Title, string? Excerpt, string Path, int Depth, int Numchild,
    string LinkReach, string LinkRole, string ComputedLinkReach, string ComputedLinkRole,
    Guid? Creator, bool IsFavorite, string? UserRole,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt, DocumentAbilities Abilities);

public sealed record TreeNode(
    Guid Id, string? Title, string Path, int Depth, int Numchild, DateTimeOffset UpdatedAt, string? UserRole,
    DocumentAbilities Abilities, List<TreeNode>? Children);

public sealed record UserSummary(Guid Id, string? Email, string? FullName, string? ShortName);

public sealed record AccessAbilities(bool Destroy, bool Update, bool PartialUpdate, List<string> SetRoleTo);

public sealed record Access(Guid Id, Guid DocumentId, UserSummary User, string Role, bool IsInherited, AccessAbilities Abilities);

public sealed record Invitation(Guid Id, Guid DocumentId, string Email, string Role, bool IsExpired);

/// <summary>Someone without a role asking for one (ask-for-access).</summary>
public sealed record AccessRequest(Guid Id, Guid DocumentId, UserSummary User, string Role, DateTimeOffset CreatedAt);

public sealed record CurrentUser(Guid Id, string? Email, string? FullName, string? ShortName);

/// <summary>Which documents the home page lists.</summary>
public enum DocumentFilter { All, Mine, SharedWithMe, Pinned }

public static class Roles
{
    public static readonly string[] All = ["reader", "commenter", "editor", "administrator", "owner"];
    public static readonly string[] LinkReaches = ["restricted", "authenticated", "public"];
    public static readonly string[] LinkRoles = ["reader", "commenter", "editor"];
}
