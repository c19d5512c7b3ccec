using Docs.Core.Blobs;
using Docs.Core.Data;
using Docs.Core.Documents;
using Docs.Core.Jobs;
using Docs.Worker.Blobs;

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
        var released = await UnreferencedBlobs.DeleteAsync(db, blobs, keys, cancellationToken);
        logger.LogInformation("Purged {Count} documents trashed before {Before:u}, and {Released} attachments", purged, before, released);
    }
}
