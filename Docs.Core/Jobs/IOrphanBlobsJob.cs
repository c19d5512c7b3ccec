namespace Docs.Core.Jobs;

/// <summary>Deletes the blobs no document references any more, once older than the grace period (a daily job of Docs.Worker).</summary>
public interface IOrphanBlobsJob
{
    Task CleanAsync(CancellationToken cancellationToken);
}
