using System.Collections.Concurrent;
using Docs.Collab.Connections;
using Docs.Collab.Fanout;
using Docs.Collab.Persistence;
using Docs.Collab.Telemetry;
using Docs.Yjs;
using Microsoft.Extensions.Options;

namespace Docs.Collab.Documents;

/// <summary>
/// The documents loaded in this instance. A document loads on its first connection (snapshot plus
/// log), is shared by all its connections, and unloads — after folding its log into the snapshot —
/// once it has had no connection for <see cref="CollabOptions.UnloadAfter"/>.
/// </summary>
public sealed class DocumentRegistry(UpdateLog log, RedisFanout fanout, CollabMetrics metrics, IOptions<CollabOptions> options,
    TimeProvider time, ILogger<DocumentRegistry> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<LiveDocument?>>> _documents = new();
    private readonly CollabOptions _options = options.Value;

    /// <summary>The refusal of a document whose stored snapshot or log cannot be decoded.</summary>
    public const string UnreadableDocument = "document-unreadable";

    public IEnumerable<LiveDocument> Loaded =>
        _documents.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully && l.Value.Result is not null).Select(l => l.Value.Result!);

    public LiveDocument? Find(Guid id) =>
        _documents.TryGetValue(id, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully ? lazy.Value.Result : null;

    /// <summary>Attaches <paramref name="connection"/> (built for the loaded document) or says why not.</summary>
    public async Task<(DocumentConnection? Connection, string? Refusal)> AttachAsync(Guid id, Func<LiveDocument, DocumentConnection> connect,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            LiveDocument? document;
            try
            {
                document = await _documents.GetOrAdd(id, key => new Lazy<Task<LiveDocument?>>(() => LoadAsync(key))).Value.WaitAsync(cancellationToken);
            }
            catch (YjsDecodingException ex)
            {
                // Refused alone: the socket and its other documents carry on; an administrator restores it (POST /collaboration/api/restore/).
                _documents.TryRemove(id, out _);
                logger.LogError(ex, "Document {Document} is stored in a state that cannot be decoded; refused until restored", id);
                return (null, UnreadableDocument);
            }
            if (document is null)
            {
                _documents.TryRemove(id, out _);
                return (null, "not-found");
            }
            var connection = connect(document);
            var (attached, unloaded) = await document.AttachAsync(connection, _options.MaxConnectionsPerDocument, _options.MaxConnectionsPerPerson,
                cancellationToken);
            if (unloaded)
            {
                continue; // it just left; load it again
            }
            return attached ? (connection, null) : (null, "too-many-connections");
        }
        return (null, "unavailable");
    }

    /// <summary>Detaches a connection, removes its awareness states for the others, and schedules the unload of an empty document.</summary>
    public async Task DetachAsync(DocumentConnection connection)
    {
        var document = connection.Document;
        var (detached, removal) = await document.DetachAsync(connection, time.GetUtcNow());
        if (!detached)
        {
            return;
        }
        if (removal is not null)
        {
            fanout.Publish(document.Id, RedisFanout.Kind.Awareness, removal);
        }
        if (document.ConnectionCount == 0)
        {
            _ = UnloadLaterAsync(document);
        }
    }

    private async Task<LiveDocument?> LoadAsync(Guid id)
    {
        var stored = await log.LoadAsync(id, CancellationToken.None);
        if (stored is null)
        {
            return null;
        }
        await WorkOffSocketThreads.LeaveIfLargeAsync(stored.Bytes);
        var document = LiveDocument.FromStore(id, stored, new Throttling.TokenBucket(_options.DocumentBytesPerSecond, _options.DocumentBurstBytes, time));
        document.Fanout = await fanout.SubscribeAsync(new FannedOutDocument(document, logger));
        metrics.DocumentLoaded();
        logger.LogDebug("Loaded {Document}: {Bytes} bytes, {Updates} logged updates", id, stored.Bytes, stored.Updates.Count);
        return document;
    }

    /// <summary>Re-reads the stored state (after a Redis outage, or when the API replaced the content) and broadcasts what was missing.</summary>
    public async Task CatchUpAsync(LiveDocument document, CancellationToken cancellationToken)
    {
        var stored = await log.LoadAsync(document.Id, cancellationToken);
        if (stored is null)
        {
            return;
        }
        await WorkOffSocketThreads.LeaveIfLargeAsync(stored.Bytes);
        await document.CatchUpAsync(stored.Snapshot is { Length: > 0 } snapshot ? stored.Updates.Prepend(snapshot) : stored.Updates,
            skipped => logger.LogError(skipped, "Catch-up of {Document}: a stored piece cannot be decoded and was skipped", document.Id),
            cancellationToken);
    }

    /// <summary>Folds the log into the snapshot (safe at any time: see <see cref="UpdateLog.CompactAsync"/>).</summary>
    public Task CompactAsync(LiveDocument document, CancellationToken cancellationToken) =>
        log.CompactAsync(document.Id, document.FoldAsync, cancellationToken);

    private async Task UnloadLaterAsync(LiveDocument document)
    {
        var wait = _options.UnloadAfter;
        while (true)
        {
            // Timers and the wall clock may disagree by a millisecond: wait again for what is left.
            await Task.Delay(wait + TimeSpan.FromMilliseconds(5), time);
            switch (await document.UnloadIfIdleAsync(_options.UnloadAfter, time.GetUtcNow()))
            {
                case null:
                    return;
                case { } left when left > TimeSpan.Zero:
                    wait = left;
                    continue;
            }
            await UnloadAsync(document);
            return;
        }
    }

    private async Task UnloadAsync(LiveDocument document)
    {
        try
        {
            // Acknowledged updates are already in the log; folding them now keeps loads cheap.
            if (document.LoggedUpdates > 0)
            {
                await CompactAsync(document, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not compact {Document} on unload; its log stays and is read at the next load", document.Id);
        }
        _documents.TryRemove(document.Id, out _);
        if (document.Fanout is { } subscription)
        {
            await subscription.DisposeAsync();
        }
        metrics.DocumentUnloaded();
        logger.LogDebug("Unloaded {Document}", document.Id);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var document in Loaded.ToList())
        {
            await document.MarkUnloadedAsync();
            await UnloadAsync(document);
        }
    }
}
