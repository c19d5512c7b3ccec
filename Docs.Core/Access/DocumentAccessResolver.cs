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
        var paths = documents.SelectMany(d => TreePath.Ancestors(d.Path)).Distinct().ToArray();
        var links = documents.ToDictionary(d => d.Path, d => new LinkSetting(d.LinkReach, d.LinkRole), StringComparer.Ordinal);
        if (paths.Length > 0)
        {
            var ancestors = await db.Documents.AsNoTracking().Where(d => paths.Contains(d.Path))
                .Select(d => new { d.Path, d.LinkReach, d.LinkRole }).ToListAsync(cancellationToken);
            foreach (var ancestor in ancestors)
            {
                links[ancestor.Path] = new LinkSetting(ancestor.LinkReach, ancestor.LinkRole);
            }
        }
        var roles = new Dictionary<string, Role>(StringComparer.Ordinal);
        if (userId is { } id)
        {
            var allPaths = paths.Concat(documents.Select(d => d.Path)).Distinct().ToArray();
            var accesses = await db.DocumentAccesses.AsNoTracking().Where(a => a.UserId == id && allPaths.Contains(a.Document!.Path))
                .Select(a => new { a.Document!.Path, a.Role }).ToListAsync(cancellationToken);
            foreach (var access in accesses)
            {
                roles[access.Path] = access.Role;
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

    /// <summary>The most open reach among the document and its ancestors, and the most generous role a link gives.</summary>
    private static LinkSetting Computed(List<LinkSetting> settings)
    {
        var reach = settings.Max(s => s.Reach);
        var open = settings.Where(s => s.Reach != LinkReach.Restricted).ToList();
        return new LinkSetting(reach, open.Count == 0 ? LinkRole.Reader : open.Max(s => s.Role));
    }
}
