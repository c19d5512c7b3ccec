using Docs.Core.Data;
using Docs.Core.Data.Entities;
using Docs.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Docs.Core.Access;

/// <summary>A caller's standing on one document: effective role, abilities, and the link setting that applies.</summary>
public sealed record ResolvedAccess(AccessContext Context, DocumentAbilities Abilities, Role? ExplicitRole, LinkSetting ComputedLink)
{
    public Role? EffectiveRole => Context.EffectiveRole;
}

/// <summary>A document found by id (its content not loaded), the caller's standing on it, and whether they pinned it.</summary>
public sealed record FoundDocument(Document Document, ResolvedAccess Access, bool IsFavorite);

/// <summary>
/// Builds the <see cref="AccessContext"/> of a caller for documents: two indexed queries for any number
/// of documents, one for the link settings of every document and ancestor involved, one for the caller's
/// accesses on them; or one statement for a single document by id. Then <see cref="DocumentAbilities.Compute"/> decides.
/// </summary>
public sealed class DocumentAccessResolver(DocsDbContext db)
{
    public async Task<ResolvedAccess> ResolveAsync(Document document, Guid? userId, CancellationToken cancellationToken = default) =>
        (await ResolveAsync([document], userId, cancellationToken))[document.Id];

    public async Task<IReadOnlyDictionary<Guid, ResolvedAccess>> ResolveAsync(IReadOnlyCollection<Document> documents, Guid? userId,
        CancellationToken cancellationToken = default)
    {
        var links = documents.ToDictionary(d => d.Path, d => new LinkSetting(d.LinkReach, d.LinkRole), StringComparer.Ordinal);
        var roles = new Dictionary<string, Role>(StringComparer.Ordinal);
        var ancestorPaths = documents.SelectMany(d => TreePath.Ancestors(d.Path)).Where(p => !links.ContainsKey(p)).Distinct().ToArray();
        var chainPaths = userId is null ? ancestorPaths : [.. ancestorPaths, .. links.Keys];
        if (chainPaths.Length > 0)
        {
            // One indexed query: every path of the chains, with its link setting and the caller's role there.
            var user = userId ?? Guid.Empty;
            var rows = await db.Database.SqlQuery<ChainRow>($"""
                SELECT d.path AS "Path", d.link_reach AS "LinkReach", d.link_role AS "LinkRole", a.role AS "Role"
                FROM documents d LEFT JOIN document_accesses a ON a.document_id = d.id AND a.user_id = {user}
                WHERE d.path = ANY({chainPaths})
                """).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                AddChainRow(links, roles, row.Path, row.LinkReach, row.LinkRole, row.Role);
            }
        }

        var result = new Dictionary<Guid, ResolvedAccess>(documents.Count);
        foreach (var document in documents)
        {
            result[document.Id] = Resolve(document, userId, links, roles);
        }
        return result;
    }

    /// <summary>
    /// A document (without its content) with the caller's standing on it and whether they pinned it, in one
    /// round trip: the hot path of every <c>documents/{id}/</c> call. Null when there is no such document.
    /// </summary>
    public async Task<FoundDocument?> FindAsync(Guid documentId, Guid? userId, CancellationToken cancellationToken = default)
    {
        // Plain ADO.NET on the context's connection: one statement, read by position, none of EF Core's per-query work.
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(FindSql, connection);
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = documentId });
            command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId ?? Guid.Empty });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            Document? document = null;
            var isFavorite = false;
            var links = new Dictionary<string, LinkSetting>(StringComparer.Ordinal);
            var roles = new Dictionary<string, Role>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (document is null)
                {
                    document = ReadDocument(reader);
                    isFavorite = reader.GetBoolean(16);
                }
                AddChainRow(links, roles, reader.GetString(17), reader.GetString(18), reader.GetString(19), reader.IsDBNull(20) ? null : reader.GetString(20));
            }
            return document is null ? null : new FoundDocument(document, Resolve(document, userId, links, roles), userId is not null && isFavorite);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The document's row, then one row per document of its chain (root to itself) with its link setting and the caller's role there.</summary>
    private static readonly string FindSql = $"""
        SELECT d.id, d.title, d.excerpt, d.link_reach, d.link_role, d.creator_id, d.path, d.depth, d.num_child,
               d.created_at, d.updated_at, d.deleted_at, d.ancestors_deleted_at, d.duplicated_from_id, d.attachments, d.content_updated_at,
               EXISTS (SELECT 1 FROM document_favorites f WHERE f.user_id = $2 AND f.document_id = $1),
               c.path, c.link_reach, c.link_role, a.role
        FROM documents d
        JOIN documents c ON c.path = ANY (ARRAY(SELECT left(d.path, n * {Document.StepLength}) FROM generate_series(1, length(d.path) / {Document.StepLength}) AS n))
        LEFT JOIN document_accesses a ON a.document_id = c.id AND a.user_id = $2
        WHERE d.id = $1
        """;

    private static Document ReadDocument(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        Title = reader.IsDBNull(1) ? null : reader.GetString(1),
        Excerpt = reader.IsDBNull(2) ? null : reader.GetString(2),
        LinkReach = ParseEnum<LinkReach>(reader.GetString(3)),
        LinkRole = ParseEnum<LinkRole>(reader.GetString(4)),
        CreatorId = reader.IsDBNull(5) ? null : reader.GetGuid(5),
        Path = reader.GetString(6),
        Depth = reader.GetInt32(7),
        NumChild = reader.GetInt32(8),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(9),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(10),
        DeletedAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
        AncestorsDeletedAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        DuplicatedFromId = reader.IsDBNull(13) ? null : reader.GetGuid(13),
        Attachments = [.. reader.GetFieldValue<string[]>(14)],
        ContentUpdatedAt = reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
    };

    private static T ParseEnum<T>(string value) where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: true);

    /// <summary>One document of a chain as stored: its link setting, and the caller's role there if they have one.</summary>
    private static void AddChainRow(Dictionary<string, LinkSetting> links, Dictionary<string, Role> roles, string path, string linkReach, string linkRole, string? role)
    {
        links[path] = new LinkSetting(ParseEnum<LinkReach>(linkReach), ParseEnum<LinkRole>(linkRole));
        if (role is not null)
        {
            roles[path] = ParseEnum<Role>(role);
        }
    }

    /// <summary>The caller's standing on <paramref name="document"/> from the link settings and roles of its chain.</summary>
    private static ResolvedAccess Resolve(Document document, Guid? userId, Dictionary<string, LinkSetting> links, Dictionary<string, Role> roles)
    {
        var chain = TreePath.SelfAndAncestors(document.Path);
        var explicitRoles = chain.Where(roles.ContainsKey).Select(p => roles[p]).ToList();
        var linkSettings = chain.Where(links.ContainsKey).Select(p => links[p]).ToList();
        var context = new AccessContext(userId is not null, explicitRoles, linkSettings,
            IsDeleted: document.DeletedAt is not null || document.AncestorsDeletedAt is not null);
        return new ResolvedAccess(context, DocumentAbilities.Compute(context),
            roles.TryGetValue(document.Path, out var own) ? own : null, Computed(linkSettings));
    }

    private sealed record ChainRow(string Path, string LinkReach, string LinkRole, string? Role);

    /// <summary>The most open reach among the document and its ancestors, and the most generous role a link gives.</summary>
    private static LinkSetting Computed(List<LinkSetting> settings)
    {
        var reach = settings.Max(s => s.Reach);
        var open = settings.Where(s => s.Reach != LinkReach.Restricted).ToList();
        return new LinkSetting(reach, open.Count == 0 ? LinkRole.Reader : open.Max(s => s.Role));
    }
}
