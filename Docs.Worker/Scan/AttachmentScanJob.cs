using System.Net.Http.Headers;
using System.Net.Http.Json;
using Docs.Core.Attachments;
using Docs.Core.Blobs;
using Docs.Core.Data;
using Docs.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Docs.Worker.Scan;

/// <summary>The <c>Media:ScanUrl</c> setting, as the worker reads it.</summary>
public sealed class ScanOptions
{
    public const string Section = "Media";

    public Uri? ScanUrl { get; set; }
}

/// <summary>What the scanner answers: <c>{"safe": true}</c> or <c>{"safe": false}</c>.</summary>
public sealed record ScanVerdict(bool Safe);

/// <summary>
/// Streams an attachment to the scanner (<c>POST {Media:ScanUrl}</c>, the bytes as the body, the key and type in headers)
/// and records its verdict. A scanner that fails or cannot be reached makes the job fail, and Hangfire tries again later:
/// meanwhile the file stays "processing", served to its uploader only — never served unscanned to others.
/// </summary>
public sealed class AttachmentScanJob(DocsDbContext db, IBlobStore blobs, HttpClient http, IOptions<ScanOptions> options, TimeProvider time,
    ILogger<AttachmentScanJob> logger) : IAttachmentScanJob
{
    public const string KeyHeader = "X-Docs-Attachment-Key";

    public async Task ScanAsync(string key, CancellationToken cancellationToken)
    {
        var scan = await db.AttachmentScans.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (scan is null || scan.Status != ScanStatus.Processing)
        {
            return; // deleted with its blob, or already decided
        }
        if (options.Value.ScanUrl is not { } scanner)
        {
            throw new InvalidOperationException("Media:ScanUrl is not set on the worker, yet an upload waits for its scan.");
        }
        await using var content = await blobs.OpenReadAsync(key, cancellationToken);
        if (content is null)
        {
            // The blob is gone (deleted with its document): nothing left to serve, and nothing to scan.
            await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM attachment_scans WHERE key = {key}", cancellationToken);
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, scanner) { Content = new StreamContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(AttachmentKeys.TypeOf(key).MediaType);
        request.Headers.Add(KeyHeader, key);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var verdict = await response.Content.ReadFromJsonAsync<ScanVerdict>(cancellationToken)
            ?? throw new InvalidOperationException("The scanner answered no verdict.");
        var status = verdict.Safe ? ScanStatus.Ready : ScanStatus.Unsafe;
        var now = time.GetUtcNow();
        // The file and the copies made of it while it was being scanned (the same bytes) get the verdict together.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE attachment_scans SET status = {status}, scanned_at = {now}, copied_from = NULL
            WHERE key = {key} OR copied_from = {key}
            """, cancellationToken);
        if (!verdict.Safe)
        {
            logger.LogWarning("Attachment {Key} was found unsafe by the scanner; it is served to nobody", key);
        }
    }
}
