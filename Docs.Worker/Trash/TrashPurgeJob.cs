using Docs.Core.Data;
using Docs.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Docs.Worker.Trash;

/// <summary>Deletes for good the documents trashed more than the cut-off ago, with their subtrees (accesses and the rest cascade).</summary>
public sealed class TrashPurgeJob(DocsDbContext db, TimeProvider time, ILogger<TrashPurgeJob> logger) : ITrashPurgeJob
{
    public static readonly TimeSpan Cutoff = TimeSpan.FromDays(30);

    public async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - Cutoff;
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
        logger.LogInformation("Purged {Count} documents trashed before {Before:u}", purged, before);
    }
}
