using Docs.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Docs.Core.Attachments;

/// <summary>
/// A copied attachment (a duplicate's, of a page or of its sub-pages) holds the same bytes as its original, so it shares
/// its original's scan verdict: decided already, or — while the original is being scanned — the verdict still to come
/// (<c>copied_from</c>, which the scan job fills in with the original's).
/// </summary>
public static class ScanInheritance
{
    public static async Task InheritAsync(DocsDbContext db, IReadOnlyDictionary<string, string> newKeys, CancellationToken cancellationToken)
    {
        if (newKeys.Count == 0)
        {
            return;
        }
        var originals = newKeys.Keys.ToArray();
        var copies = originals.Select(key => newKeys[key]).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO attachment_scans (key, status, uploader_id, created_at, scanned_at, copied_from)
            SELECT t.copy, s.status, s.uploader_id, now(), s.scanned_at,
                   CASE WHEN s.status = {ScanStatus.Processing} THEN coalesce(s.copied_from, s.key) END
            FROM unnest({originals}, {copies}) AS t(original, copy) JOIN attachment_scans s ON s.key = t.original
            ON CONFLICT (key) DO NOTHING
            """, cancellationToken);
    }
}
