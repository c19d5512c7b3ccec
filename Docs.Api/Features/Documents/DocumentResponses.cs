using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Documents;

/// <summary>Documents as the caller sees them (<see cref="DocumentResponse"/>): with their abilities and whether the caller pinned them.</summary>
public sealed class DocumentResponses(DocsDbContext db, DocumentAccessResolver resolver)
{
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

    /// <summary>The response for a document already resolved by <see cref="DocumentGate.FindAsync"/>: at most the pin is left to read.</summary>
    public async Task<DocumentResponse> DescribeAsync(DocumentInContext found, CancellationToken cancellationToken)
    {
        var isFavorite = found.IsFavorite ?? (await FavoritesAsync([found.Document], found.UserId, cancellationToken)).Contains(found.Document.Id);
        return DocumentResponse.From(found.Document, found.Access, isFavorite);
    }

    public async Task<DocumentResponse> DescribeAsync(Document document, Guid? userId, CancellationToken cancellationToken) =>
        (await DescribeAsync([document], userId, cancellationToken))[0];

    private async Task<HashSet<Guid>> FavoritesAsync(IReadOnlyCollection<Document> documents, Guid? userId, CancellationToken cancellationToken)
    {
        var ids = documents.Select(d => d.Id).ToList();
        return userId is null
            ? []
            : (await db.DocumentFavorites.AsNoTracking().Where(f => f.UserId == userId && ids.Contains(f.DocumentId))
                .Select(f => f.DocumentId).ToListAsync(cancellationToken)).ToHashSet();
    }
}
