using System.Security.Claims;
using Docs.Api.Authentication;
using Docs.Api.Features.Documents;
using Docs.Core.Attachments;
using Docs.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Attachments;

/// <summary>
/// Who may fetch an attachment: whoever may read a document that holds its key (the one it was uploaded
/// to, and copies made by duplicating it) — while it is being scanned only its uploader, once found unsafe nobody.
/// Everyone else is told nothing, not even that it exists.
/// </summary>
public sealed class MediaAccess(DocsDbContext db, DocumentGate gate, AttachmentScans scans)
{
    /// <summary>Enough to find a readable holder among a key's documents; a key is held by a few copies at most.</summary>
    private const int MaxHolders = 200;

    public async Task<bool> MayReadAsync(string key, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (!AttachmentKeys.IsWellFormed(key))
        {
            return false;
        }
        var (status, uploader) = await scans.StatusOfAsync(key, cancellationToken);
        if (!ScanStatus.MayServe(status, uploader, caller.GetUserId()))
        {
            return false;
        }
        // Containment (@>), which the attachments' GIN index answers; "= ANY" would read every document.
        var holders = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM documents WHERE attachments @> ARRAY[{key}]::text[] ORDER BY id LIMIT {MaxHolders}")
            .ToListAsync(cancellationToken);
        foreach (var holder in holders)
        {
            if (await gate.FindAsync(holder, caller, cancellationToken) is { Abilities.MediaAuth: true })
            {
                return true;
            }
        }
        return false;
    }
}
