using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Docs.Core.Access;

/// <summary>Who may grant, change and remove which roles: for accesses, invitations and requests for access alike.</summary>
public static class AccessRules
{
    /// <summary>The roles the caller may give or take: owners every role, administrators every role but owner.</summary>
    public static IReadOnlyList<Role> AssignableRoles(DocumentAbilities abilities) =>
        !abilities.AccessesManage ? [] : abilities.InviteOwner ? Enum.GetValues<Role>() : [.. Enum.GetValues<Role>().Where(r => r != Role.Owner)];

    /// <summary>Whether the caller may change or remove an access (or invitation) that has <paramref name="current"/>.</summary>
    public static bool CanTouch(DocumentAbilities abilities, Role current) =>
        abilities.AccessesManage && (current != Role.Owner || abilities.InviteOwner);

    /// <summary>Whether the caller may change a role from <paramref name="current"/> to <paramref name="wanted"/>.</summary>
    public static bool CanChange(DocumentAbilities abilities, Role current, Role wanted) =>
        CanTouch(abilities, current) && AssignableRoles(abilities).Contains(wanted);

    /// <summary>True when <paramref name="accessId"/> is the only owner access on the document and its ancestors.</summary>
    public static async Task<bool> IsLastOwnerAsync(DocsDbContext db, Document document, Guid accessId, CancellationToken cancellationToken)
    {
        var chain = TreePath.SelfAndAncestors(document.Path);
        return !await db.DocumentAccesses.AnyAsync(
            a => a.Role == Role.Owner && a.Id != accessId && chain.Contains(a.Document!.Path), cancellationToken);
    }
}
