using Docs.Core.Blobs;
using Docs.Core.Data;
using Docs.Core.Documents;
using Docs.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Docs.Worker.Trash;

/// <summary>
/// Deletes for good the documents trashed longer ago than <see cref="TrashRetention"/> keeps them, with their subtrees (accesses and the
/// rest cascade), and then the attachments that no remaining document holds (a copy keeps its own).
/// </summary>
public sealed class TrashPurgeJob(DocsDbContext db, DocumentTree tree, IBlobStore blobs, TimeProvider time, ILogger<TrashPurgeJob> logger) : ITrashPurgeJob
{
    public async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var before = TrashRetention.Cutoff(time.GetUtcNow());
        var (purged, keys) = await tree.PurgeTrashedBeforeAsync(before, cancellationToken);
        var released = await ReleaseAsync(keys, cancellationToken);
        logger.LogInformation("Purged {Count} documents trashed before {Before:u}, and {Released} attachments", purged, before, released);
    }

    /// <summary>Deletes the blobs of <paramref name="keys"/> that no document holds any more; returns how many.</summary>
    private async Task<int> ReleaseAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
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
