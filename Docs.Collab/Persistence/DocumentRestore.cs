using Docs.Yjs;
using Npgsql;

namespace Docs.Collab.Persistence;

/// <summary>What a restore did: the base it started from, and the logged updates kept and dropped.</summary>
public sealed record RestoreResult(string RestoredFrom, Guid? VersionId, int KeptUpdates, int DroppedUpdates);

/// <summary>
/// Makes a document whose stored state cannot be decoded readable again, for an administrator: under the
/// document's row lock, its base is the snapshot if that decodes, else its newest version that does; every
/// logged update that still applies is kept, every one that does not is dropped; the result becomes the
/// snapshot (and a version), and the log rows read are deleted. Null when the document does not exist;
/// a result with no base (<c>RestoredFrom = "nothing"</c>) when neither the snapshot nor any version decodes.
/// </summary>
public sealed class DocumentRestore(NpgsqlDataSource database, ILogger<DocumentRestore> logger)
{
    public async Task<RestoreResult?> RestoreAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var lockRow = new NpgsqlCommand("SELECT content FROM documents WHERE id = $1 FOR UPDATE", connection, transaction)
        {
            Parameters = { new() { Value = documentId } },
        };
        if (await lockRow.ExecuteScalarAsync(cancellationToken) is not { } snapshot)
        {
            return null;
        }
        await WorkOffSocketThreads.Leave(); // decoding a whole document
        var doc = new Doc();
        string from;
        Guid? versionId = null;
        if (snapshot is not byte[] content || content.Length == 0 || TryApply(doc, content))
        {
            from = "snapshot";
        }
        else
        {
            doc = new Doc();
            versionId = await NewestGoodVersionAsync(connection, transaction, doc, documentId, cancellationToken);
            if (versionId is null)
            {
                return new RestoreResult("nothing", null, 0, 0);
            }
            from = "version";
        }
        var (ids, kept, dropped) = (new List<long>(), 0, 0);
        await using (var read = new NpgsqlCommand("SELECT id, data FROM document_updates WHERE document_id = $1 ORDER BY id", connection, transaction)
        {
            Parameters = { new() { Value = documentId } },
        })
        await using (var rows = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                ids.Add(rows.GetInt64(0));
                _ = TryApply(doc, (byte[])rows[1]) ? kept++ : dropped++;
            }
        }
        var state = doc.EncodeStateAsUpdate();
        await using (var write = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("UPDATE documents SET content = $2, content_updated_at = now() WHERE id = $1") { Parameters = { new() { Value = documentId }, new() { Value = state } } },
                new("INSERT INTO document_versions (id, document_id, content, created_at) VALUES ($1, $2, $3, now())")
                {
                    Parameters = { new() { Value = Guid.CreateVersion7() }, new() { Value = documentId }, new() { Value = state } },
                },
                new("DELETE FROM document_updates WHERE id = ANY($1)") { Parameters = { new() { Value = ids.ToArray() } } },
            },
        })
        {
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("Restored {Document} from its {From} ({Version}): {Kept} logged updates kept, {Dropped} undecodable dropped",
            documentId, from, versionId, kept, dropped);
        return new RestoreResult(from, versionId, kept, dropped);
    }

    /// <summary>Applies the newest version that decodes to <paramref name="doc"/>; its id, or null when none does.</summary>
    private static async Task<Guid?> NewestGoodVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Doc doc, Guid documentId,
        CancellationToken cancellationToken)
    {
        await using var versions = new NpgsqlCommand(
            "SELECT id, content FROM document_versions WHERE document_id = $1 ORDER BY created_at DESC", connection, transaction)
        {
            Parameters = { new() { Value = documentId } },
        };
        await using var rows = await versions.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            var candidate = new Doc();
            if (!rows.IsDBNull(1) && TryApply(candidate, (byte[])rows[1]))
            {
                doc.ApplyUpdate((byte[])rows[1]);
                return rows.GetGuid(0);
            }
        }
        return null;
    }

    /// <summary>Whether <paramref name="update"/> decodes; a Doc is left unchanged by one that does not.</summary>
    private static bool TryApply(Doc doc, byte[] update)
    {
        try
        {
            doc.ApplyUpdate(update);
            return true;
        }
        catch (YjsDecodingException)
        {
            return false;
        }
    }
}
