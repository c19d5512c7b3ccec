using System.Security.Claims;
using Docs.Api.Authentication;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Documents;

/// <summary>
/// A document and the caller's standing on it; whether they pinned it when the lookup read that too. An
/// untracked document comes without its content (read it on purpose where it is needed).
/// </summary>
public sealed record DocumentInContext(Document Document, ResolvedAccess Access, Guid? UserId, bool? IsFavorite = null)
{
    public DocumentAbilities Abilities => Access.Abilities;
}

/// <summary>
/// A document as the caller may see it, or nothing: a document they cannot retrieve, or past the trash's
/// retention, is not revealed (404). <see cref="DocumentAccessFilter.RequireDocument{TBuilder}"/> asks
/// here for every endpoint on <c>documents/{id}/…</c>.
/// </summary>
public sealed class DocumentGate(DocsDbContext db, DocumentAccessResolver resolver, TimeProvider time)
{
    /// <summary>The document if the caller may retrieve it (and it is not past the trash's retention), else null.</summary>
    public async Task<DocumentInContext?> FindAsync(Guid id, ClaimsPrincipal caller, CancellationToken cancellationToken, bool tracked = false)
    {
        var userId = caller.GetUserId();
        DocumentInContext found;
        if (tracked)
        {
            var document = await db.Documents.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
            if (document is null)
            {
                return null;
            }
            found = new DocumentInContext(document, await resolver.ResolveAsync(document, userId, cancellationToken), userId);
        }
        else
        {
            // The common case, reads: one round trip for the document, the access chain and the pin.
            if (await resolver.FindAsync(id, userId, cancellationToken) is not { } lookup)
            {
                return null;
            }
            found = new DocumentInContext(lookup.Document, lookup.Access, userId, lookup.IsFavorite);
        }
        return !TrashRetention.IsExpired(found.Document, time.GetUtcNow()) && found.Abilities.Retrieve ? found : null;
    }

    /// <summary>Finds the document and checks one ability: 404 when it cannot be seen, 403 (401 for an anonymous caller) when the ability is missing.</summary>
    public async Task<(DocumentInContext? Found, IResult? Refusal)> RequireAsync(Guid id, ClaimsPrincipal caller, Func<DocumentAbilities, bool> ability,
        CancellationToken cancellationToken, bool tracked = false)
    {
        var found = await FindAsync(id, caller, cancellationToken, tracked);
        if (found is null)
        {
            return (null, Problems.NotFound());
        }
        return ability(found.Abilities) ? (found, null) : (null, caller.GetUserId() is null ? Problems.Unauthorized() : Problems.Forbidden());
    }
}
