using Docs.Core.Attachments;
using Docs.Core.Blobs;
using Docs.Core.Data;
using Docs.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Docs.Worker.Blobs;

/// <summary>
/// Deletes the attachment blobs that no document (in the trash or not) records any more, once older than
/// <see cref="OrphanBlobOptions.OrphanGracePeriod"/>. Only keys this application makes (<see cref="AttachmentKeys"/>) are
/// considered, so anything else kept in the same folder or bucket is left alone.
/// </summary>
public sealed class OrphanBlobsJob(DocsDbContext db, IBlobStore blobs, IOptions<OrphanBlobOptions> options, TimeProvider time,
    ILogger<OrphanBlobsJob> logger) : IOrphanBlobsJob
{
    private const int BatchSize = 1000;

    public async Task CleanAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.OrphanGracePeriod;
        var batch = new List<string>(BatchSize);
        var deleted = 0;
        await foreach (var blob in blobs.ListAsync(cancellationToken))
        {
            if (blob.LastModified >= before || !AttachmentKeys.IsWellFormed(blob.Key))
            {
                continue;
            }
            batch.Add(blob.Key);
            if (batch.Count == BatchSize)
            {
                deleted += await UnreferencedBlobs.DeleteAsync(db, blobs, batch, cancellationToken);
                batch.Clear();
            }
        }
        deleted += await UnreferencedBlobs.DeleteAsync(db, blobs, batch, cancellationToken);
        logger.LogInformation("Deleted {Count} orphan attachments written before {Before:u}", deleted, before);
    }
}
