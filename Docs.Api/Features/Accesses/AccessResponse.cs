using Docs.Core.Access;
using Docs.Core.Data.Entities;

namespace Docs.Api.Features.Accesses;

public sealed record AccessUser(Guid Id, string? Email, string? FullName, string? ShortName)
{
    public static AccessUser From(User user) => new(user.Id, user.Email, user.FullName, user.ShortName);
}

/// <summary>What the caller may do with one access.</summary>
public sealed record AccessAbilities(bool Destroy, bool Update, bool PartialUpdate, IReadOnlyList<Role> SetRoleTo);

/// <summary>An access, on the document itself or inherited from an ancestor (<see cref="DocumentId"/> says which).</summary>
public sealed record AccessResponse(Guid Id, Guid DocumentId, AccessUser User, Role Role, bool IsInherited, AccessAbilities Abilities, DateTimeOffset CreatedAt)
{
    public static AccessResponse From(DocumentAccess access, User user, Guid documentId, DocumentAbilities callerAbilities)
    {
        var inherited = access.DocumentId != documentId;
        var touch = !inherited && AccessRules.CanTouch(callerAbilities, access.Role);
        return new AccessResponse(access.Id, access.DocumentId, AccessUser.From(user), access.Role, inherited,
            new AccessAbilities(touch, touch, touch, touch ? AccessRules.AssignableRoles(callerAbilities).Where(r => r != access.Role).ToList() : []),
            access.CreatedAt);
    }
}
