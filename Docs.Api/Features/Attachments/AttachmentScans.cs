using Docs.Core.Attachments;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Docs.Api.Features.Attachments;

/// <summary>
/// The API's side of the malware scan (<see cref="MediaOptions.ScanUrl"/>): a new upload starts as
/// <see cref="ScanStatus.Processing"/> and is handed to Docs.Worker's scan job; a copy (a duplicate's) shares its
/// original's verdict; serving asks where a key stands.
/// </summary>
public sealed class AttachmentScans(DocsDbContext db, IBackgroundJobClient jobs, IOptionsSnapshot<MediaOptions> options)
{
    private bool Enabled => options.Value.ScanUrl is not null;

    // Keys tracked as being scanned and not yet handed to the worker.
    private readonly List<string> _tracked = [];

    /// <summary>Records a new upload as being scanned, and queues its scan; nothing when scanning is off.</summary>
    public async Task StartAsync(string key, Guid? uploader, CancellationToken cancellationToken)
    {
        Track(key, uploader);
        await db.SaveChangesAsync(cancellationToken);
        QueueTracked();
    }

    /// <summary>
    /// Marks a stored file as being scanned in the pending changes of the request's <see cref="DocsDbContext"/>, saved with
    /// the documents that hold it (an import's pictures); <see cref="QueueTracked"/> hands it to the worker once they are.
    /// </summary>
    public void Track(string key, Guid? uploader)
    {
        if (Enabled)
        {
            db.AttachmentScans.Add(new AttachmentScan { Key = key, Status = ScanStatus.Processing, UploaderId = uploader });
            _tracked.Add(key);
        }
    }

    /// <summary>Queues the scans of the tracked files (once their rows are saved: a scan finds its row).</summary>
    public void QueueTracked()
    {
        foreach (var key in _tracked)
        {
            jobs.Enqueue<IAttachmentScanJob>(scan => scan.ScanAsync(key, CancellationToken.None));
        }
        _tracked.Clear();
    }

    /// <summary>Gives each copied key its original's verdict (see <see cref="ScanInheritance"/>).</summary>
    public Task InheritAsync(IReadOnlyDictionary<string, string> newKeys, CancellationToken cancellationToken) =>
        ScanInheritance.InheritAsync(db, newKeys, cancellationToken);

    /// <summary>The key's status (<see cref="ScanStatus.Ready"/> when it was never scanned) and its uploader.</summary>
    public async Task<(string Status, Guid? Uploader)> StatusOfAsync(string key, CancellationToken cancellationToken) =>
        await db.AttachmentScans.AsNoTracking().Where(s => s.Key == key).Select(s => new { s.Status, s.UploaderId }).SingleOrDefaultAsync(cancellationToken)
            is { } scan ? (scan.Status, scan.UploaderId) : (ScanStatus.Ready, null);
}
