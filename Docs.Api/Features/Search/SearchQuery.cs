using Docs.Core.Access;
using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Docs.Api.Features.Search;

/// <summary>What to look for, where, and which page; <c>true</c> or <c>false</c> filters on who created it and on pins, null does not.</summary>
public sealed record SearchRequest(Guid UserId, SearchTerms Terms, string? WithinPath, bool? CreatedByMe, bool? Favorites, int Offset, int Limit);

/// <summary>One page of results and how many there are in all (only documents the caller can read are ever counted).</summary>
public sealed record SearchPage(int Count, IReadOnlyList<SearchResult> Results);

/// <summary>
/// The search, as one statement: the documents the caller can read now (<see cref="ReadableDocuments"/>, inside the
/// query, so that a page is never short and a count never includes what they cannot read), matched by the index,
/// ranked, one page of them, and a snippet for each. A title match ranks first; then text rank (title A, headings B,
/// body C) with a bonus for recent changes, and titles close to the text (typos) count too.
/// </summary>
public sealed class SearchQuery(DocsDbContext db)
{
    /// <summary>
    /// Characters of a result's body its snippet is taken from: around the first place where the first word sought is
    /// written as typed, else the beginning. <c>ts_headline</c> parses all it is given, and bodies run to megabytes.
    /// </summary>
    private const int SnippetWindow = 6000;

    private static readonly string Sql = $"""
        WITH {ReadableDocuments.CommonTableExpressions("$1")},
        query AS (
            SELECT cfg, CASE WHEN $3 = '' THEN websearch_to_tsquery(cfg, $2)
                             WHEN $2 = '' THEN to_tsquery(cfg, $3)
                             ELSE websearch_to_tsquery(cfg, $2) && to_tsquery(cfg, $3) END AS tsq
            FROM docs_search_language() AS cfg),
        matches AS (
            SELECT r.id, r.title, r.path, r.updated_at,
                   (CASE WHEN to_tsvector(q.cfg, coalesce(r.title, '')) @@ q.tsq THEN 1 ELSE 0 END
                    + ts_rank(s.vector, q.tsq)
                    + CASE WHEN $4 <> '' THEN 0.5 * word_similarity($4, coalesce(r.title, '')) ELSE 0 END)
                   * (1 + 0.5 / (1 + extract(epoch FROM now() - r.updated_at) / 2592000)) AS score
            FROM readable r JOIN document_search s ON s.document_id = r.id CROSS JOIN query q
            WHERE (s.vector @@ q.tsq OR ($4 <> '' AND $4 <% coalesce(r.title, '')))
              AND ($5::text IS NULL OR starts_with(r.path, $5))
              AND ($6::boolean IS NULL OR (r.creator_id IS NOT DISTINCT FROM $1) = $6)
              AND ($7::boolean IS NULL OR EXISTS (SELECT 1 FROM document_favorites f WHERE f.user_id = $1 AND f.document_id = r.id) = $7)),
        page AS (
            SELECT m.*, count(*) OVER () AS total FROM matches m ORDER BY m.score DESC, m.id LIMIT $8 OFFSET $9),
        ancestors AS (
            SELECT p.id, ARRAY(SELECT left(p.path, n * {Document.StepLength}) FROM generate_series(1, length(p.path) / {Document.StepLength} - 1) AS n) AS paths FROM page p)
        SELECT p.id, p.title, p.updated_at, p.total,
               ARRAY(SELECT a.id FROM readable a WHERE a.path = ANY (x.paths) ORDER BY a.path),
               ARRAY(SELECT coalesce(a.title, '') FROM readable a WHERE a.path = ANY (x.paths) ORDER BY a.path),
               ts_headline(q.cfg, s.headings || E'\n' || substr(s.body, greatest(1, strpos(lower(s.body), $10) - {SnippetWindow / 3}), {SnippetWindow}),
                           q.tsq, '{Snippet.HeadlineOptions}')
        FROM page p JOIN ancestors x ON x.id = p.id JOIN document_search s ON s.document_id = p.id CROSS JOIN query q
        ORDER BY p.score DESC, p.id
        """;

    public async Task<SearchPage> RunAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(Sql, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid> { TypedValue = request.UserId },
                    new NpgsqlParameter<string> { TypedValue = request.Terms.WebSearch },
                    new NpgsqlParameter<string> { TypedValue = request.Terms.Prefix },
                    new NpgsqlParameter<string> { TypedValue = request.Terms.Fuzzy },
                    new NpgsqlParameter { Value = (object?)request.WithinPath ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                    new NpgsqlParameter { Value = (object?)request.CreatedByMe ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean },
                    new NpgsqlParameter { Value = (object?)request.Favorites ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Boolean },
                    new NpgsqlParameter<int> { TypedValue = request.Limit },
                    new NpgsqlParameter<int> { TypedValue = request.Offset },
                    new NpgsqlParameter<string> { TypedValue = request.Terms.Locate },
                },
            };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var results = new List<SearchResult>();
            var count = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                count = (int)reader.GetInt64(3);
                var ids = reader.GetFieldValue<Guid[]>(4);
                var titles = reader.GetFieldValue<string[]>(5);
                results.Add(new SearchResult(
                    reader.GetGuid(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    [.. ids.Zip(titles, (id, title) => new SearchPathItem(id, title))],
                    Snippet.Parse(reader.IsDBNull(6) ? null : reader.GetString(6)),
                    reader.GetFieldValue<DateTimeOffset>(2)));
            }
            return new SearchPage(count, results);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
