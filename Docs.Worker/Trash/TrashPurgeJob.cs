using Docs.Core.Blobs;
using Docs.Core.Data;
using Docs.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Docs.Worker.Trash;

/// <summary>
/// Deletes for good the documents trashed more than the cut-off ago, with their subtrees (accesses and the
/// rest cascade), and then the attachments that no remaining document holds (a copy keeps its own).
/// </summary>
public sealed class TrashPurgeJob(DocsDbContext db, IBlobStore blobs, TimeProvider time, ILogger<TrashPurgeJob> logger) : ITrashPurgeJob
{
    public static readonly TimeSpan Cutoff = TimeSpan.FromDays(30);

    public async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - Cutoff;
        // Documents past the cut-off gain no attachments (nobody may upload to them): read their keys, then delete.
        var keys = await db.Database.SqlQuery<string>($"""
            WITH expired AS (SELECT path FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < {before})
            SELECT DISTINCT k AS "Value" FROM documents d JOIN expired e ON d.path LIKE e.path || '%', unnest(d.attachments) AS k
            """).ToListAsync(cancellationToken);
        var purged = await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH expired AS (SELECT path FROM documents WHERE deleted_at IS NOT NULL AND deleted_at < {before})
            DELETE FROM documents d USING expired e WHERE d.path LIKE e.path || '%'
            """, cancellationToken);
        // Parents of purged documents count their remaining children again.
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE documents p SET num_child = c.count FROM (
                SELECT p2.id, (SELECT count(*) FROM documents c2 WHERE c2.depth = p2.depth + 1 AND c2.path LIKE p2.path || '%') AS count
                FROM documents p2 WHERE p2.num_child > 0) c
            WHERE p.id = c.id AND p.num_child <> c.count
            """, cancellationToken);
        var released = await ReleaseAsync(keys, cancellationToken);
        logger.LogInformation("Purged {Count} documents trashed before {Before:u}, and {Released} attachments", purged, before, released);
    }

    /// <summary>Deletes the blobs of <paramref name="keys"/> that no document holds any more; returns how many.</summary>
    private async Task<int> ReleaseAsync(List<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return 0;
        }
        var keyArray = keys.ToArray();
        var stillHeld = (await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT k AS "Value" FROM documents, unnest(attachments) AS k WHERE attachments && {keyArray} AND k = ANY({keyArray})
            """).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var released = keys.Where(k => !stillHeld.Contains(k)).ToList();
        foreach (var key in released)
        {
            await blobs.DeleteAsync(key, cancellationToken);
        }
        return released.Count;
    }
}
