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

    /// <summary>Records a new upload as being scanned, and queues its scan; nothing when scanning is off.</summary>
    public async Task StartAsync(string key, Guid? uploader, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }
        db.AttachmentScans.Add(new AttachmentScan { Key = key, Status = ScanStatus.Processing, UploaderId = uploader });
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue<IAttachmentScanJob>(scan => scan.ScanAsync(key, CancellationToken.None));
    }

    /// <summary>Gives each copied key its original's verdict (see <see cref="ScanInheritance"/>).</summary>
    public Task InheritAsync(IReadOnlyDictionary<string, string> newKeys, CancellationToken cancellationToken) =>
        ScanInheritance.InheritAsync(db, newKeys, cancellationToken);

    /// <summary>The key's status (<see cref="ScanStatus.Ready"/> when it was never scanned) and its uploader.</summary>
    public async Task<(string Status, Guid? Uploader)> StatusOfAsync(string key, CancellationToken cancellationToken) =>
        await db.AttachmentScans.AsNoTracking().Where(s => s.Key == key).Select(s => new { s.Status, s.UploaderId }).SingleOrDefaultAsync(cancellationToken)
            is { } scan ? (scan.Status, scan.UploaderId) : (ScanStatus.Ready, null);
}
