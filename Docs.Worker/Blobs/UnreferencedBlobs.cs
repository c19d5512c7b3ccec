using Docs.Core.Blobs;
using Docs.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Docs.Worker.Blobs;

/// <summary>The one rule both clean-ups follow: a blob goes only when no document (in the trash or not) records its key.</summary>
internal static class UnreferencedBlobs
{
    /// <summary>Deletes the blobs of <paramref name="keys"/> that no document records; returns how many.</summary>
    public static async Task<int> DeleteAsync(DocsDbContext db, IBlobStore blobs, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return 0;
        }
        var keyArray = keys.ToArray();
        // attachments && keys goes through the GIN index (ix_documents_attachments).
        var referenced = (await db.Database.SqlQuery<string>($"""
            SELECT DISTINCT k AS "Value" FROM documents, unnest(attachments) AS k WHERE attachments && {keyArray} AND k = ANY({keyArray})
            """).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var unreferenced = keys.Where(k => !referenced.Contains(k)).ToList();
        foreach (var key in unreferenced)
        {
            await blobs.DeleteAsync(key, cancellationToken);
        }
        var deleted = unreferenced.ToArray();
        await db.Database.ExecuteSqlAsync($"DELETE FROM attachment_scans WHERE key = ANY({deleted})", cancellationToken);
        return unreferenced.Count;
    }
}
