namespace Docs.Core.Jobs;

/// <summary>Sends an attachment to the malware scanner (<c>Media:ScanUrl</c>) and records its verdict (a job of Docs.Worker).</summary>
public interface IAttachmentScanJob
{
    Task ScanAsync(string key, CancellationToken cancellationToken);
}
