using System.Security.Claims;
using Docs.Api.Authentication;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
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
/// Every endpoint on <c>documents/{id}/…</c> starts here: the document as the caller may see it, or
/// a 404 that does not reveal whether it exists; then each endpoint asks the abilities for its action
/// (403 when the caller can see the document but not do that).
/// </summary>
public sealed class DocumentGate(DocsDbContext db, DocumentAccessResolver resolver, TimeProvider time)
{
    /// <summary>Trashed documents stay restorable this long, then they are gone (404) and purged.</summary>
    public static readonly TimeSpan TrashCutoff = TimeSpan.FromDays(30);

    public DocsDbContext Db => db;

    public DocumentAccessResolver Resolver => resolver;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The document if the caller may retrieve it (and it is not past the trash cut-off), else null.</summary>
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
        return !IsPastCutoff(found.Document) && found.Abilities.Retrieve ? found : null;
    }

    /// <summary>Finds the document and checks one ability: 404 when it cannot be seen, 403 when the ability is missing.</summary>
    public async Task<(DocumentInContext? Found, IResult? Refusal)> RequireAsync(Guid id, ClaimsPrincipal caller, Func<DocumentAbilities, bool> ability,
        CancellationToken cancellationToken, bool tracked = false)
    {
        var found = await FindAsync(id, caller, cancellationToken, tracked);
        if (found is null)
        {
            return (null, Problems.NotFound());
        }
        return ability(found.Abilities) ? (found, null) : (null, caller.GetUserId() is null ? Unauthenticated() : Problems.Forbidden());
    }

    public bool IsPastCutoff(Document document)
    {
        var deletedAt = document.DeletedAt ?? document.AncestorsDeletedAt;
        return deletedAt is not null && Now - deletedAt.Value > TrashCutoff;
    }

    /// <summary>Responses for a page of documents: their abilities (two queries) and which are pinned (one).</summary>
    public async Task<IReadOnlyList<DocumentResponse>> DescribeAsync(IReadOnlyCollection<Document> documents, Guid? userId, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return [];
        }
        var accesses = await resolver.ResolveAsync(documents, userId, cancellationToken);
        var favorites = await FavoritesAsync(documents, userId, cancellationToken);
        return documents.Select(d => DocumentResponse.From(d, accesses[d.Id], favorites.Contains(d.Id))).ToList();
    }

    /// <summary>The response for a document already resolved by <see cref="FindAsync"/>: at most the pin is left to read.</summary>
    public async Task<DocumentResponse> DescribeAsync(DocumentInContext found, CancellationToken cancellationToken)
    {
        var isFavorite = found.IsFavorite ?? (await FavoritesAsync([found.Document], found.UserId, cancellationToken)).Contains(found.Document.Id);
        return DocumentResponse.From(found.Document, found.Access, isFavorite);
    }

    private async Task<HashSet<Guid>> FavoritesAsync(IReadOnlyCollection<Document> documents, Guid? userId, CancellationToken cancellationToken)
    {
        var ids = documents.Select(d => d.Id).ToList();
        return userId is null
            ? []
            : (await db.DocumentFavorites.AsNoTracking().Where(f => f.UserId == userId && ids.Contains(f.DocumentId))
                .Select(f => f.DocumentId).ToListAsync(cancellationToken)).ToHashSet();
    }

    public async Task<DocumentResponse> DescribeAsync(Document document, Guid? userId, CancellationToken cancellationToken) =>
        (await DescribeAsync([document], userId, cancellationToken))[0];

    private static IResult Unauthenticated() =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "Authentication credentials were not provided.");
}
