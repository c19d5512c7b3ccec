using Docs.Core.Attachments;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Docs.Core.Documents;

/// <summary>What the purge removed: how many documents, and the attachment keys they held.</summary>
public sealed record PurgedDocuments(int Count, IReadOnlyList<string> AttachmentKeys);

public sealed partial class DocumentTree
{
    /// <summary>Puts the document in the trash (<c>deleted_at</c>) and marks its descendants (<c>ancestors_deleted_at</c>) not already marked.</summary>
    public Task TrashAsync(Document document, DateTimeOffset now, CancellationToken cancellationToken) =>
        InPlainTransactionAsync(async () =>
        {
            await db.Documents.Where(d => d.Id == document.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DeletedAt, now), cancellationToken);
            await db.Documents.DescendantsOf(document.Path).Where(d => d.AncestorsDeletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.AncestorsDeletedAt, now), cancellationToken);
        }, cancellationToken);

    /// <summary>Takes the document out of the trash; its descendants stay trashed if another trashed ancestor (below it) still holds them.</summary>
    public Task RestoreAsync(Document document, CancellationToken cancellationToken) =>
        InPlainTransactionAsync(async () =>
        {
            var path = document.Path;
            await db.Documents.Where(d => d.Id == document.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DeletedAt, (DateTimeOffset?)null), cancellationToken);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE documents d SET ancestors_deleted_at = (
                    SELECT min(a.deleted_at) FROM documents a
                    WHERE a.deleted_at IS NOT NULL AND a.path LIKE {path + "%"} AND d.path LIKE a.path || '%' AND a.path <> d.path)
                WHERE d.path LIKE {path + "%"} AND d.path <> {path}
                """, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Deletes for good the documents trashed before <paramref name="before"/>, with their subtrees (accesses and the
    /// rest cascade); their parents count their children again.
    /// </summary>
    public async Task<PurgedDocuments> PurgeTrashedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        // Documents past the cut-off gain no attachments (nobody may upload to them): read their keys, then delete.
        var keys = await db.Database.SqlQuery<string>($"""
            WITH expired AS (SELECT path FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < {before})
            SELECT DISTINCT k AS "Value" FROM documents d JOIN expired e ON d.path LIKE e.path || '%', unnest(d.attachments) AS k
            """).ToListAsync(cancellationToken);
        var parents = await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT substr(path, 1, length(path) - {Document.StepLength}) AS "Value" FROM documents
            WHERE deleted_at IS NOT NULL AND deleted_at < {before} AND depth > 1
            """).ToListAsync(cancellationToken);
        var purged = await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH expired AS (SELECT path FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < {before})
            DELETE FROM documents d USING expired e WHERE d.path LIKE e.path || '%'
            """, cancellationToken);
        foreach (var parent in parents)
        {
            await RecountChildrenAsync(parent, cancellationToken);
        }
        return new PurgedDocuments(purged, keys);
    }

    /// <summary>
    /// Copies the live (not trashed) descendants of <paramref name="fromPath"/> under <paramref name="toPath"/>, keeping their
    /// shape, each with its original's current state; optionally their accesses; then recounts children.
    /// </summary>
    public async Task CopyDescendantsAsync(string fromPath, string toPath, Guid userId, DateTimeOffset now, bool withAccesses,
        CancellationToken cancellationToken)
    {
        var start = fromPath.Length + 1;
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO documents (id, title, excerpt, link_reach, link_role, creator_id, path, depth, num_child, created_at, updated_at,
                                   duplicated_from_id, attachments, content, content_updated_at)
            SELECT gen_random_uuid(), title, excerpt, link_reach, link_role, {userId}, {toPath} || substr(path, {start}), depth - {TreePath.Depth(fromPath)} + {TreePath.Depth(toPath)},
                   0, {now}, {now}, id, ARRAY[]::text[], NULL, content_updated_at
            FROM documents WHERE path LIKE {fromPath + "%"} AND path <> {fromPath} AND deleted_at IS NULL AND ancestors_deleted_at IS NULL
            """, cancellationToken);
        await CopyCurrentStatesAsync(toPath, cancellationToken);
        if (withAccesses)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO document_accesses (id, document_id, user_id, role, created_at, updated_at)
                SELECT gen_random_uuid(), copy.id, a.user_id, a.role, {now}, {now}
                FROM document_accesses a JOIN documents source ON source.id = a.document_id
                JOIN documents copy ON copy.path = {toPath} || substr(source.path, {start})
                WHERE source.path LIKE {fromPath + "%"} AND source.path <> {fromPath}
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        }
        await RecountChildrenAsync(toPath, cancellationToken);
    }

    /// <summary>
    /// Gives each copy below <paramref name="toPath"/> its original's current state (snapshot and log, not the snapshot alone)
    /// and attachments of its own (<see cref="AttachmentCopies"/>): new blobs, new keys, the content naming them.
    /// </summary>
    private async Task CopyCurrentStatesAsync(string toPath, CancellationToken cancellationToken)
    {
        var copies = await db.Documents.AsNoTracking().DescendantsOf(toPath).Where(d => d.DuplicatedFromId != null)
            .Join(db.Documents, c => c.DuplicatedFromId, o => o.Id, (c, o) => new { c.Id, Original = o.Id, o.Attachments })
            .ToListAsync(cancellationToken);
        var states = await DocumentStates.ReadManyAsync(db, [.. copies.Select(c => c.Original)], cancellationToken);
        var ids = new Guid[copies.Count];
        var contents = new byte[]?[copies.Count];
        var keys = new string[copies.Count];
        for (var i = 0; i < copies.Count; i++)
        {
            var copied = await attachments.CopyAsync(copies[i].Id, copies[i].Attachments, states.GetValueOrDefault(copies[i].Original)?.Merge(), cancellationToken);
            await ScanInheritance.InheritAsync(db, copied.NewKeys, cancellationToken);
            (ids[i], contents[i], keys[i]) = (copies[i].Id, copied.Content, string.Join(' ', copied.Keys));
        }
        // Keys hold no spaces (AttachmentKeys): one string per copy, split back into its array.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE documents d SET content = t.content, attachments = string_to_array(t.keys, ' ')
            FROM unnest({ids}, {contents}, {keys}) AS t(id, content, keys) WHERE d.id = t.id
            """, cancellationToken);
    }

    /// <summary>Sets <c>num_child</c> of <paramref name="path"/> and every document below it to its number of children (only where it changed).</summary>
    private Task<int> RecountChildrenAsync(string path, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE documents p SET num_child = c.count FROM (
                SELECT p2.id, (SELECT count(*) FROM documents c2 WHERE c2.depth = p2.depth + 1 AND c2.path LIKE p2.path || '%') AS count
                FROM documents p2 WHERE p2.path LIKE {path + "%"}) c
            WHERE p.id = c.id AND p.num_child <> c.count
            """, cancellationToken);

    /// <summary>A transaction without the tree lock: for changes that keep every path where it is.</summary>
    private async Task InPlainTransactionAsync(Func<Task> change, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await change();
            await transaction.CommitAsync(cancellationToken);
        });
    }
}
