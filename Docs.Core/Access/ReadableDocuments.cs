using Docs.Core.Data.Entities;

namespace Docs.Core.Access;

/// <summary>
/// The documents a signed-in user can read now, as SQL, for queries that must filter inside the statement (search):
/// the same rule as <see cref="DocumentAbilities.Compute"/>'s <c>Retrieve</c> (a role from an access on the document or
/// an ancestor, or from a link setting of the document or an ancestor that reaches signed-in users; never in the trash),
/// narrowed, as the lists are, to the subtrees the user reached by an access or by opening a link (a link trace).
/// </summary>
public static class ReadableDocuments
{
    /// <summary>
    /// Common table expressions (to follow <c>WITH</c>) ending in <c>readable</c>: the rows of <c>documents</c> the user
    /// (<paramref name="userParameter"/>, a uuid) can read, each once. Subtrees are read through the path index, one
    /// range per reached top, so the cost follows what the user reaches, not the size of the installation.
    /// </summary>
    public static string CommonTableExpressions(string userParameter) => $"""
        granted AS (
            SELECT DISTINCT d.path FROM document_accesses a JOIN documents d ON d.id = a.document_id WHERE a.user_id = {userParameter}),
        granted_tops AS (
            SELECT g.path FROM granted g
            WHERE NOT EXISTS (SELECT 1 FROM granted o WHERE o.path <> g.path AND starts_with(g.path, o.path))),
        traced AS (
            SELECT DISTINCT d.path FROM link_traces t JOIN documents d ON d.id = t.document_id WHERE t.user_id = {userParameter}),
        traced_tops AS (
            SELECT t.path FROM traced t
            WHERE NOT EXISTS (SELECT 1 FROM traced o WHERE o.path <> t.path AND starts_with(t.path, o.path))
              AND NOT EXISTS (SELECT 1 FROM granted_tops g WHERE starts_with(t.path, g.path))),
        readable AS (
            SELECT x.* FROM granted_tops g JOIN documents x ON x.path ~>=~ g.path AND x.path ~<~ (g.path || '{PathAfterSubtree}')
            WHERE x.deleted_at IS NULL AND x.ancestors_deleted_at IS NULL
            UNION ALL
            SELECT x.* FROM traced_tops t JOIN documents x ON x.path ~>=~ t.path AND x.path ~<~ (t.path || '{PathAfterSubtree}')
            WHERE x.deleted_at IS NULL AND x.ancestors_deleted_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM granted_tops g WHERE starts_with(x.path, g.path))
              AND EXISTS (SELECT 1 FROM documents c WHERE c.path = ANY ({SelfAndAncestorPaths("x.path")}) AND c.link_reach <> 'restricted'))
        """;

    /// <summary>An SQL array of the path and its ancestors' paths (see <see cref="Documents.TreePath.SelfAndAncestors"/>).</summary>
    public static string SelfAndAncestorPaths(string path) =>
        $"ARRAY(SELECT left({path}, n * {Document.StepLength}) FROM generate_series(1, length({path}) / {Document.StepLength}) AS n)";

    /// <summary>
    /// A character above every path character (<c>0-9A-Z</c>) in byte order: a subtree is the paths from its root's path up
    /// to the root's path followed by this, a range the path index (<c>text_pattern_ops</c>) serves.
    /// </summary>
    private const char PathAfterSubtree = 'a';
}
