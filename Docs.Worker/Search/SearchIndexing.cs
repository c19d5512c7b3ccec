using Docs.Content.Search;
using Docs.Core.Data;
using Docs.Core.Documents;
using Docs.Yjs;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Docs.Worker.Search;

/// <summary>
/// Indexes documents for search: reads each one's current state (snapshot and update log, through
/// <see cref="DocumentStates"/>), extracts its headings and body text (<see cref="SearchText"/>), and writes them with their
/// weighted <c>tsvector</c> (title A, headings B, body C) in the installation's language.
/// </summary>
public sealed class SearchIndexing(DocsDbContext db, ILogger<SearchIndexing> logger)
{
    /// <summary>Documents per round: each is read whole, so a round stays a bounded amount of memory.</summary>
    public const int BatchSize = 20;

    /// <summary>Characters of body text indexed (a <c>tsvector</c> holds at most 1 MiB): the rest of a huge document is not searchable.</summary>
    private const int MaxBodyChars = 400_000;

    /// <summary>Indexes up to <see cref="BatchSize"/> documents whose index is behind their content; returns how many.</summary>
    public async Task<int> IndexStaleAsync(CancellationToken cancellationToken)
    {
        var stale = await db.Database.SqlQuery<StaleRow>($"""
            SELECT document_id AS "Id", content_version AS "Version" FROM document_search
            WHERE indexed_version < content_version LIMIT {BatchSize}
            """).ToListAsync(cancellationToken);
        if (stale.Count == 0)
        {
            return 0;
        }
        var states = await DocumentStates.ReadManyAsync(db, [.. stale.Select(s => s.Id)], cancellationToken);
        var ids = new List<Guid>();
        var headings = new List<string>();
        var bodies = new List<string>();
        var versions = new List<long>();
        foreach (var row in stale)
        {
            if (!states.TryGetValue(row.Id, out var stored))
            {
                continue; // purged meanwhile: its row went with it
            }
            var text = Extract(stored);
            ids.Add(row.Id);
            headings.Add(Clean(text.Headings, MaxBodyChars));
            bodies.Add(Clean(text.Body, MaxBodyChars));
            versions.Add(row.Version);
        }
        try
        {
            await WriteAsync(ids, headings, bodies, versions, cancellationToken);
        }
        catch (PostgresException ex) when (ids.Count > 1)
        {
            // One document PostgreSQL refuses (a text it cannot index) must not hold up the others: one at a time.
            logger.LogWarning(ex, "Indexing {Count} documents together failed; indexing them one by one", ids.Count);
            for (var i = 0; i < ids.Count; i++)
            {
                try
                {
                    await WriteAsync([ids[i]], [headings[i]], [bodies[i]], [versions[i]], cancellationToken);
                }
                catch (PostgresException single)
                {
                    logger.LogWarning(single, "Document {Id} cannot be indexed: indexed by its title only", ids[i]);
                    await WriteAsync([ids[i]], [""], [""], [versions[i]], cancellationToken);
                }
            }
        }
        return stale.Count;
    }

    private Task<int> WriteAsync(List<Guid> ids, List<string> headings, List<string> bodies, List<long> versions, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE document_search s
            SET language = v.cfg::text, headings = v.headings, body = v.body, content_vector = v.content, vector = v.title || v.content,
                indexed_version = greatest(s.indexed_version, v.version)
            FROM (
                SELECT t.id, t.version, t.headings, t.body, cfg,
                       setweight(to_tsvector(cfg, coalesce(d.title, '')), 'A') AS title,
                       setweight(to_tsvector(cfg, t.headings), 'B') || setweight(to_tsvector(cfg, t.body), 'C') AS content
                FROM unnest({ids.ToArray()}::uuid[], {headings.ToArray()}::text[], {bodies.ToArray()}::text[], {versions.ToArray()}::bigint[])
                         AS t(id, headings, body, version)
                JOIN documents d ON d.id = t.id CROSS JOIN docs_search_language() AS cfg) v
            WHERE s.document_id = v.id
            """, cancellationToken);

    private SearchText Extract(StoredDocument stored)
    {
        try
        {
            return SearchText.FromState(stored.Merge());
        }
        catch (Exception ex) when (ex is YjsDecodingException or Content.ContentTooDeepException)
        {
            // Its title stays searchable; Docs.Collab refuses the document until an administrator restores it.
            logger.LogWarning(ex, "Document {Id} cannot be read: indexed by its title only", stored.Id);
            return SearchText.Empty;
        }
    }

    /// <summary>
    /// Text PostgreSQL can store (no NUL) without the private-use characters that mark matches in snippets (so a document
    /// cannot forge a mark), at most <paramref name="max"/> characters.
    /// </summary>
    private static string Clean(string text, int max)
    {
        var cleaned = text.Replace("\0", "", StringComparison.Ordinal).Replace("\uE000", "", StringComparison.Ordinal).Replace("\uE001", "", StringComparison.Ordinal);
        return cleaned.Length <= max ? cleaned : cleaned[..max];
    }

    private sealed record StaleRow(Guid Id, long Version);
}
