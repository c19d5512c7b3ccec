using Docs.Core.Data;
using Docs.Core.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Docs.Worker.Search;

/// <summary>
/// Marks every document for indexing again (and gives a row to any document without one); <see cref="SearchIndexer"/>
/// then works through them in batches. Asked by staff through <c>POST documents/search/rebuild/</c>
/// or from the jobs dashboard.
/// </summary>
public sealed class SearchRebuildJob(DocsDbContext db, ILogger<SearchRebuildJob> logger) : ISearchRebuildJob
{
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var added = await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO document_search (document_id, language, vector)
            SELECT d.id, docs_search_language()::text, setweight(to_tsvector(docs_search_language(), coalesce(d.title, '')), 'A')
            FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_search s WHERE s.document_id = d.id)
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        var marked = await db.Database.ExecuteSqlRawAsync(
            $"UPDATE document_search SET indexed_version = 0; NOTIFY {SearchIndexer.Channel}", cancellationToken);
        logger.LogInformation("Search index rebuild: {Marked} documents to index ({Added} had no row)", marked, added);
    }
}
