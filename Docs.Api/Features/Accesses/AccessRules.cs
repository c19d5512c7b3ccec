using Docs.Api.Features.Documents;
using Docs.Core.Access;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Accesses;

/// <summary>Who may grant, change and remove which roles.</summary>
public static class AccessRules
{
    /// <summary>The roles the caller may give or take: owners every role, administrators every role but owner.</summary>
    public static IReadOnlyList<Role> AssignableRoles(DocumentAbilities abilities) =>
        !abilities.AccessesManage ? [] : abilities.InviteOwner ? Enum.GetValues<Role>() : [.. Enum.GetValues<Role>().Where(r => r != Role.Owner)];

    /// <summary>Whether the caller may change or remove an access that has <paramref name="current"/>.</summary>
    public static bool CanTouch(DocumentAbilities abilities, Role current) =>
        abilities.AccessesManage && (current != Role.Owner || abilities.InviteOwner);

    /// <summary>True when <paramref name="accessId"/> is the only owner access on the document and its ancestors.</summary>
    public static async Task<bool> IsLastOwnerAsync(DocumentGate gate, Document document, Guid accessId, CancellationToken cancellationToken)
    {
        var chain = TreePath.SelfAndAncestors(document.Path);
        return !await gate.Db.DocumentAccesses.AnyAsync(
            a => a.Role == Role.Owner && a.Id != accessId && chain.Contains(a.Document!.Path), cancellationToken);
    }
}
