namespace Docs.Core.Access;

/// <summary>
/// Everything the abilities of one user on one document depend on: the user's explicit roles on the
/// document and on each of its ancestors, the link settings of the document and of each ancestor,
/// whether the user is signed in, and whether the document (or an ancestor) is in the trash.
/// </summary>
public sealed record AccessContext(
    bool IsAuthenticated,
    IReadOnlyCollection<Role> ExplicitRoles,
    IReadOnlyCollection<LinkSetting> LinkSettings,
    bool IsDeleted = false)
{
    /// <summary>The role the link settings give this user: the most open setting that reaches them.</summary>
    public Role? LinkRole =>
        LinkSettings
            .Where(setting => setting.Reach == LinkReach.Public || (setting.Reach == LinkReach.Authenticated && IsAuthenticated))
            .Select(setting => (Role?)(Role)setting.Role)
            .Max();

    /// <summary>The highest of the explicit roles and the link's role; null when the user cannot see the document.</summary>
    public Role? EffectiveRole
    {
        get
        {
            var explicitRole = IsAuthenticated && ExplicitRoles.Count > 0 ? ExplicitRoles.Max() : (Role?)null;
            var linkRole = LinkRole;
            return explicitRole is null ? linkRole : linkRole is null ? explicitRole : (Role)Math.Max((int)explicitRole, (int)linkRole);
        }
    }

    /// <summary>Whether the user has a role of their own (an access), not only through the link.</summary>
    public bool IsMember => IsAuthenticated && ExplicitRoles.Count > 0;
}
