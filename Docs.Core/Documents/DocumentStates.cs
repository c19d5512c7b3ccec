using System.Data.Common;
using Docs.Core.Data;
using Docs.Yjs;
using Microsoft.EntityFrameworkCore;
using Docs.Yjs.Updates;
using Npgsql;

namespace Docs.Core.Documents;

/// <summary>
/// A document as stored: its snapshot (<c>documents.content</c>, folded by Docs.Collab when the document
/// goes idle) and every update logged after it, read together.
/// </summary>
public sealed record StoredDocument(Guid Id, byte[]? Snapshot, IReadOnlyList<byte[]> Updates, bool InTrash)
{
    /// <summary>Snapshot plus logged updates, in bytes.</summary>
    public long Bytes => (Snapshot?.Length ?? 0) + Updates.Sum(update => (long)update.Length);

    /// <summary>The whole state as one v1 update, or null for a document nobody wrote in yet.</summary>
    public byte[]? Merge() => Snapshot is null && Updates.Count == 0 ? null : YUpdate.Merge([.. SnapshotAndUpdates()]);

    private IEnumerable<byte[]> SnapshotAndUpdates() => Snapshot is null ? Updates : Updates.Prepend(Snapshot);
}

/// <summary>
/// The one way the server reads a document's current state. An edit is acknowledged once it is in the
/// update log, and the snapshot alone lags behind the log until the document goes idle: so every reader
/// (content, duplicate, and whatever reads content next: export, search, versions) reads both, in one
/// statement, so that a compaction committing in between can neither hide logged updates nor show them twice.
/// </summary>
public static class DocumentStates
{
    private const string Select = """
        SELECT d.id, d.content, d.deleted_at IS NOT NULL OR d.ancestors_deleted_at IS NOT NULL,
               ARRAY(SELECT u.data FROM document_updates u WHERE u.document_id = d.id ORDER BY u.id)
        FROM documents d
        """;

    /// <summary>Through the context's connection (and its transaction, if one is open).</summary>
    public static async Task<IReadOnlyDictionary<Guid, StoredDocument>> ReadManyAsync(DocsDbContext db, IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await ReadManyAsync(db.Database.GetDbConnection(), ids, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<StoredDocument?> ReadAsync(DocsDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await ReadManyAsync(db, [id], cancellationToken)).GetValueOrDefault(id);

    /// <summary>Null when there is no such document (in the trash or not: see <see cref="StoredDocument.InTrash"/>).</summary>
    public static async Task<StoredDocument?> ReadAsync(DbConnection connection, Guid id, CancellationToken cancellationToken) =>
        (await ReadManyAsync(connection, [id], cancellationToken)).GetValueOrDefault(id);

    /// <summary>The documents among <paramref name="ids"/> that exist, by id, all read in one statement.</summary>
    public static async Task<IReadOnlyDictionary<Guid, StoredDocument>> ReadManyAsync(DbConnection connection, IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, StoredDocument>(ids.Count);
        if (ids.Count == 0)
        {
            return found;
        }
        await using var command = new NpgsqlCommand($"{Select} WHERE d.id = ANY($1)", (NpgsqlConnection)connection)
        {
            Parameters = { new() { Value = ids.ToArray() } },
        };
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var id = rows.GetGuid(0);
            var snapshot = rows.IsDBNull(1) ? null : rows.GetFieldValue<byte[]>(1);
            snapshot = snapshot is { Length: > 0 } ? snapshot : null;
            found[id] = new StoredDocument(id, snapshot, rows.GetFieldValue<byte[][]>(3), rows.GetBoolean(2));
        }
        return found;
    }

    /// <summary>
    /// Refuses (<see cref="YjsDecodingException"/>) an update that Docs.Yjs cannot apply to the stored state,
    /// before it is stored, where it would break the document for everyone: both are applied to a document.
    /// </summary>
    public static void Validate(byte[]? state, byte[] update)
    {
        var doc = new Doc();
        if (state is not null)
        {
            doc.ApplyUpdate(state);
        }
        doc.ApplyUpdate(update);
    }
}
