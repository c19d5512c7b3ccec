using System.Threading.Channels;
using Docs.Core.Documents;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Docs.Collab.Persistence;

/// <summary>
/// The durable update log. <see cref="AppendAsync"/> completes once the update is committed. Group commit:
/// updates arriving while a commit is in flight (and within <see cref="CollabOptions.GroupCommitWindow"/>,
/// if set) share the next INSERT, one transaction; so a busy log batches more, and an idle one waits for nothing.
/// The log runs on whichever thread hands it work or completes its commit, and acknowledges on that thread:
/// no thread-pool hop per update (each costs more than the work at a few hundred updates a second).
/// </summary>
public sealed class UpdateLog : BackgroundService
{
    private readonly NpgsqlDataSource _database;
    private readonly CollabOptions _options;
    private readonly ILogger<UpdateLog> _logger;
    private readonly Telemetry.CollabMetrics _metrics;
    private readonly EditTimes _editTimes;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });

    public UpdateLog(NpgsqlDataSource database, IOptions<CollabOptions> options, ILogger<UpdateLog> logger, Telemetry.CollabMetrics metrics,
        EditTimes editTimes)
    {
        _editTimes = editTimes;
        _database = database;
        _options = options.Value;
        _logger = logger;
        _metrics = metrics;
        metrics.ObserveBacklog(() => _queue.Reader.Count);
    }

    private sealed record PendingAppend(Guid DocumentId, byte[] Update, TaskCompletionSource Committed);

    /// <summary>Null when the document does not exist (or is in the trash).</summary>
    public async Task<StoredDocument?> LoadAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await DocumentStates.ReadAsync(connection, documentId, cancellationToken) is { InTrash: false } stored ? stored : null;
    }

    /// <summary>Completes when the update is committed: only then may its sender be acknowledged.</summary>
    public Task AppendAsync(Guid documentId, byte[] update)
    {
        var pending = new PendingAppend(documentId, update, new TaskCompletionSource());
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Committed.SetException(new InvalidOperationException("The update log is stopped."));
        }
        return pending.Committed.Task;
    }

    /// <summary>
    /// Folds the log into the snapshot, in steps of at most <see cref="CompactBatch"/> updates (so a long log, after a
    /// flood, folds in bounded steps). Each step reads the snapshot and the oldest logged updates, has
    /// <paramref name="fold"/> merge them (with the live document: nothing another instance or the API wrote is lost),
    /// then in one short transaction writes the merged state — only if the snapshot is still the one read — and deletes
    /// exactly the rows read. No row lock is held while the fold waits for the document, so neither waits on the other.
    /// </summary>
    public async Task CompactAsync(Guid documentId, Func<byte[]?, IReadOnlyList<byte[]>, Task<byte[]>> fold, CancellationToken cancellationToken)
    {
        for (var changedMeanwhile = 0; changedMeanwhile < 3;)
        {
            var read = await ReadLogStepAsync(documentId, cancellationToken);
            if (read is null)
            {
                return; // purged
            }
            await WorkOffSocketThreads.Leave(); // the fold encodes the whole document
            var state = await fold(read.Snapshot, read.Updates);
            switch (await ReplaceAsync(documentId, read, state, cancellationToken))
            {
                case null:
                    return; // purged meanwhile
                case false:
                    changedMeanwhile++; // another instance folded, or the API replaced the content: read again
                    _logger.LogDebug("The snapshot of {Document} changed during its compaction; folding again", documentId);
                    break;
                case true when read.Ids.Length < CompactBatch:
                    return;
            }
        }
    }

    /// <summary>A snapshot (and its digest, to see whether it changed) and the oldest logged updates.</summary>
    private sealed record LogStep(byte[]? Snapshot, string Digest, long[] Ids, IReadOnlyList<byte[]> Updates);

    private async Task<LogStep?> ReadLogStepAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        byte[]? snapshot;
        string digest;
        await using (var document = new NpgsqlCommand("SELECT content, coalesce(md5(content), '') FROM documents WHERE id = $1", connection, transaction)
        {
            Parameters = { new() { Value = documentId } },
        })
        await using (var row = await document.ExecuteReaderAsync(cancellationToken))
        {
            if (!await row.ReadAsync(cancellationToken))
            {
                return null;
            }
            snapshot = row.IsDBNull(0) ? null : (byte[])row[0];
            digest = row.GetString(1);
        }
        var ids = new List<long>();
        var updates = new List<byte[]>();
        await using (var read = new NpgsqlCommand("SELECT id, data FROM document_updates WHERE document_id = $1 ORDER BY id LIMIT $2", connection, transaction)
        {
            Parameters = { new() { Value = documentId }, new() { Value = CompactBatch } },
        })
        await using (var rows = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                ids.Add(rows.GetInt64(0));
                updates.Add((byte[])rows[1]);
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return new LogStep(snapshot, digest, [.. ids], updates);
    }

    /// <summary>Writes the folded state over the snapshot read and deletes the rows read; false when the snapshot changed meanwhile, null when the document is gone.</summary>
    private async Task<bool?> ReplaceAsync(Guid documentId, LogStep read, byte[] state, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var write = new NpgsqlCommand("""
            UPDATE documents SET content = $2, content_updated_at = now()
            WHERE id = $1 AND coalesce(md5(content), '') = $3
            """, connection, transaction)
        {
            Parameters = { new() { Value = documentId }, new() { Value = state }, new() { Value = read.Digest } },
        })
        {
            if (await write.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM documents WHERE id = $1)", connection, transaction)
                {
                    Parameters = { new() { Value = documentId } },
                };
                return await exists.ExecuteScalarAsync(cancellationToken) is true ? false : null;
            }
        }
        if (read.Ids.Length > 0)
        {
            // Edits since the last fold: keep a version, unless one is recent.
            await using var version = new NpgsqlCommand("""
                INSERT INTO document_versions (id, document_id, content, created_at)
                SELECT $1, $2, $3, now()
                WHERE NOT EXISTS (SELECT 1 FROM document_versions WHERE document_id = $2 AND created_at > now() - $4)
                """, connection, transaction)
            {
                Parameters = { new() { Value = Guid.CreateVersion7() }, new() { Value = documentId }, new() { Value = state }, new() { Value = _options.VersionInterval } },
            };
            await version.ExecuteNonQueryAsync(cancellationToken);
            await using var delete = new NpgsqlCommand("DELETE FROM document_updates WHERE id = ANY($1)", connection, transaction)
            {
                Parameters = { new() { Value = read.Ids } },
            };
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The most logged updates one compaction step reads (and deletes).</summary>
    public const int CompactBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingAppend>();
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            var bytes = 0L;
            Fill(batch, ref bytes);
            if (bytes < BatchBytes && batch.Count < BatchUpdates && _options.GroupCommitWindow > TimeSpan.Zero && !stoppingToken.IsCancellationRequested)
            {
                // Optionally, give concurrent writers a moment to join this transaction.
                await Task.Delay(_options.GroupCommitWindow, CancellationToken.None);
                Fill(batch, ref bytes);
            }
            await WriteAsync(batch);
            if (stoppingToken.IsCancellationRequested && _queue.Reader.Count == 0)
            {
                break;
            }
        }
    }

    /// <summary>The most updates one commit carries.</summary>
    private const int BatchUpdates = 512;

    /// <summary>
    /// The most bytes one commit carries (beyond its first update): a flood of large updates is committed in transactions
    /// of a few megabytes that each finish well within the command timeout, not in one of hundreds of megabytes that
    /// times out and is retried whole while every other document's writers wait behind it.
    /// </summary>
    public const long BatchBytes = 4L * 1024 * 1024;

    private void Fill(List<PendingAppend> batch, ref long bytes)
    {
        while (batch.Count < BatchUpdates && _queue.Reader.TryPeek(out var next) && (batch.Count == 0 || bytes + next.Update.Length <= BatchBytes))
        {
            _queue.Reader.TryRead(out _);
            batch.Add(next);
            bytes += next.Update.Length;
        }
    }

    /// <summary>The group commit's statement, on the log's own connection (see <see cref="AppendCommandAsync"/>).</summary>
    public const string AppendSql =
        "INSERT INTO document_updates (document_id, data, created_at) SELECT d, u, now() FROM unnest($1, $2) AS t(d, u)";

    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _append;

    /// <summary>
    /// The append statement, prepared on a connection the log keeps: a commit is one round trip of Bind and
    /// Execute, without taking a connection from the pool (and resetting it) or parsing the statement again.
    /// Only the log's single writer loop uses it.
    /// </summary>
    private async Task<NpgsqlCommand> AppendCommandAsync()
    {
        if (_append is { Connection.State: System.Data.ConnectionState.Open })
        {
            return _append;
        }
        await CloseAppendConnectionAsync();
        _connection = await _database.OpenConnectionAsync();
        _append = new NpgsqlCommand(AppendSql, _connection)
        {
            Parameters =
            {
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
            },
        };
        await _append.PrepareAsync();
        return _append;
    }

    private async Task CloseAppendConnectionAsync()
    {
        if (_append is not null)
        {
            await _append.DisposeAsync();
            _append = null;
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private async Task WriteAsync(List<PendingAppend> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var documents = new Guid[batch.Count];
        var updates = new byte[batch.Count][];
        for (var i = 0; i < batch.Count; i++)
        {
            (documents[i], updates[i]) = (batch[i].DocumentId, batch[i].Update);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var command = await AppendCommandAsync();
                command.Parameters[0].Value = documents;
                command.Parameters[1].Value = updates;
                await command.ExecuteNonQueryAsync(CancellationToken.None);
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && attempt < 5)
            {
                _logger.LogWarning(ex, "Appending {Count} updates failed (attempt {Attempt}); retrying", batch.Count, attempt);
                await CloseAppendConnectionAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), CancellationToken.None);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Appending {Count} updates failed; their senders are not acknowledged", batch.Count);
                await CloseAppendConnectionAsync();
                foreach (var pending in batch)
                {
                    pending.Committed.TrySetException(ex);
                }
                return;
            }
        }
        _metrics.Committed(batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        foreach (var pending in batch)
        {
            _editTimes.Edited(pending.DocumentId);
            pending.Committed.TrySetResult();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        await CloseAppendConnectionAsync();
    }
}
