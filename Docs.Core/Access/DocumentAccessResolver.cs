using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Docs.Core.Access;

/// <summary>A caller's standing on one document: effective role, abilities, and the link setting that applies.</summary>
public sealed record ResolvedAccess(AccessContext Context, DocumentAbilities Abilities, Role? ExplicitRole, LinkSetting ComputedLink)
{
    public Role? EffectiveRole => Context.EffectiveRole;
}

/// <summary>
/// Builds the <see cref="AccessContext"/> of a caller for documents: two indexed queries for any number
/// of documents, one for the link settings of every document and ancestor involved, one for the caller's
/// accesses on them. Then <see cref="DocumentAbilities.Compute"/> decides.
/// </summary>
public sealed class DocumentAccessResolver(DocsDbContext db)
{
    public async Task<ResolvedAccess> ResolveAsync(Document document, Guid? userId, CancellationToken cancellationToken = default) =>
        (await ResolveAsync([document], userId, cancellationToken))[document.Id];

    public async Task<IReadOnlyDictionary<Guid, ResolvedAccess>> ResolveAsync(IReadOnlyCollection<Document> documents, Guid? userId,
        CancellationToken cancellationToken = default)
    {
        var links = documents.ToDictionary(d => d.Path, d => new LinkSetting(d.LinkReach, d.LinkRole), StringComparer.Ordinal);
        var roles = new Dictionary<string, Role>(StringComparer.Ordinal);
        var ancestorPaths = documents.SelectMany(d => TreePath.Ancestors(d.Path)).Where(p => !links.ContainsKey(p)).Distinct().ToArray();
        var chainPaths = userId is null ? ancestorPaths : [.. ancestorPaths, .. links.Keys];
        if (chainPaths.Length > 0)
        {
            // One indexed query: every path of the chains, with its link setting and the caller's role there.
            var user = userId ?? Guid.Empty;
            var rows = await db.Database.SqlQuery<ChainRow>($"""
                SELECT d.path AS "Path", d.link_reach AS "LinkReach", d.link_role AS "LinkRole", a.role AS "Role"
                FROM documents d LEFT JOIN document_accesses a ON a.document_id = d.id AND a.user_id = {user}
                WHERE d.path = ANY({chainPaths})
                """).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                links[row.Path] = new LinkSetting(Enum.Parse<LinkReach>(row.LinkReach, ignoreCase: true), Enum.Parse<LinkRole>(row.LinkRole, ignoreCase: true));
                if (row.Role is not null)
                {
                    roles[row.Path] = Enum.Parse<Role>(row.Role, ignoreCase: true);
                }
            }
        }

        var result = new Dictionary<Guid, ResolvedAccess>(documents.Count);
        foreach (var document in documents)
        {
            var chain = TreePath.SelfAndAncestors(document.Path);
            var explicitRoles = chain.Where(roles.ContainsKey).Select(p => roles[p]).ToList();
            var linkSettings = chain.Where(links.ContainsKey).Select(p => links[p]).ToList();
            var context = new AccessContext(userId is not null, explicitRoles, linkSettings,
                IsDeleted: document.DeletedAt is not null || document.AncestorsDeletedAt is not null);
            result[document.Id] = new ResolvedAccess(context, DocumentAbilities.Compute(context),
                roles.TryGetValue(document.Path, out var own) ? own : null, Computed(linkSettings));
        }
        return result;
    }

    private sealed record ChainRow(string Path, string LinkReach, string LinkRole, string? Role);

    /// <summary>The most open reach among the document and its ancestors, and the most generous role a link gives.</summary>
    private static LinkSetting Computed(List<LinkSetting> settings)
    {
        var reach = settings.Max(s => s.Reach);
        var open = settings.Where(s => s.Reach != LinkReach.Restricted).ToList();
        return new LinkSetting(reach, open.Count == 0 ? LinkRole.Reader : open.Max(s => s.Role));
    }
}
