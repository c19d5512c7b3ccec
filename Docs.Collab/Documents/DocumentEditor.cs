using Docs.Collab.Connections;
using Docs.Collab.Fanout;
using Docs.Collab.Persistence;
using Docs.Collab.Telemetry;
using Docs.Yjs;
using Docs.Yjs.Updates;
using Microsoft.Extensions.Options;

namespace Docs.Collab.Documents;

/// <summary>
/// What a connection does to its document, whatever its protocol: read what it lacks, apply its
/// update (broadcast at once, then logged; the returned task completes when it is durable), relay
/// its awareness.
/// </summary>
public sealed class DocumentEditor(UpdateLog log, RedisFanout fanout, DocumentRegistry registry, CollabMetrics metrics,
    IOptions<CollabOptions> options, ILogger<DocumentEditor> logger)
{
    private readonly CollabOptions _options = options.Value;

    public async Task<byte[]> MissingSinceAsync(LiveDocument document, byte[] stateVector, CancellationToken cancellationToken)
    {
        await WorkOffSocketThreads.LeaveIfLargeAsync(document.Bytes);
        await document.Gate.WaitAsync(cancellationToken);
        try
        {
            return document.Doc.EncodeStateAsUpdate(stateVector);
        }
        finally
        {
            document.Gate.Release();
        }
    }

    public async Task<(byte[] StateVector, byte[]? Awareness)> GreetingAsync(LiveDocument document, CancellationToken cancellationToken)
    {
        await document.Gate.WaitAsync(cancellationToken);
        try
        {
            return (document.Doc.EncodeStateVector(), document.Awareness.States.Count > 0 ? document.Awareness.EncodeUpdate() : null);
        }
        finally
        {
            document.Gate.Release();
        }
    }

    /// <summary>
    /// Applies a writer's update, relays it to every other connection and to other instances, and logs it;
    /// an update that brings nothing new is only acknowledged.
    /// Null when the document is at its size limit.
    /// Throws <see cref="YjsDecodingException"/> for an undecodable update, having changed nothing.
    /// </summary>
    public async Task<Task?> ApplyAsync(DocumentConnection connection, byte[] update, CancellationToken cancellationToken)
    {
        var document = connection.Document;
        var received = System.Diagnostics.Stopwatch.GetTimestamp();
        await document.Gate.WaitAsync(cancellationToken);
        try
        {
            if (document.Bytes + update.Length > _options.MaxDocumentBytes)
            {
                logger.LogWarning("Document {Document} would exceed {Max} bytes: update refused", document.Id, _options.MaxDocumentBytes);
                return null;
            }
            if (!document.Apply(update, origin: connection))
            {
                return Task.CompletedTask; // nothing new: acknowledged at once
            }
            document.Bytes += update.Length;
            document.LoggedUpdates++;
            document.Broadcast(Outbound.Update, update, origin: connection);
        }
        finally
        {
            document.Gate.Release();
        }
        fanout.Publish(document.Id, RedisFanout.Kind.Update, update);
        var durable = log.AppendAsync(document.Id, update);
        var due = document.LoggedUpdates >= _options.CompactAfterUpdates
            || System.Diagnostics.Stopwatch.GetElapsedTime(document.LastCompacted) > _options.VersionInterval;
        if (due && document.TryStartCompaction())
        {
            _ = CompactInBackgroundAsync(document);
        }
        return MeasureAsync(durable, received);
    }

    private async Task MeasureAsync(Task durable, long received)
    {
        await durable;
        metrics.UpdateAccepted(System.Diagnostics.Stopwatch.GetElapsedTime(received));
    }

    /// <summary>Whether a read-only client's step 2 brings nothing the document lacks (then it is acknowledged, though never applied).</summary>
    public async Task<bool> BringsNothingNewAsync(LiveDocument document, byte[] update, CancellationToken cancellationToken)
    {
        var incoming = StateVector.Decode(YUpdate.EncodeStateVectorFromUpdate(update));
        await document.Gate.WaitAsync(cancellationToken);
        try
        {
            var current = StateVector.Decode(document.Doc.EncodeStateVector());
            return incoming.All(entry => current.TryGetValue(entry.Key, out var clock) && clock >= entry.Value);
        }
        finally
        {
            document.Gate.Release();
        }
    }

    /// <summary>Applies and relays an awareness update, remembering which clients this connection announced.</summary>
    public async Task ApplyAwarenessAsync(DocumentConnection connection, byte[] update, CancellationToken cancellationToken)
    {
        var document = connection.Document;
        await document.Gate.WaitAsync(cancellationToken);
        try
        {
            var change = document.Awareness.ApplyUpdate(update, connection);
            connection.AwarenessClients.UnionWith(change.Added);
            connection.AwarenessClients.UnionWith(change.Updated);
            connection.AwarenessClients.ExceptWith(change.Removed);
            document.Broadcast(Outbound.Awareness, update, origin: connection);
        }
        finally
        {
            document.Gate.Release();
        }
        fanout.Publish(document.Id, RedisFanout.Kind.Awareness, update);
    }

    public async Task<byte[]> AwarenessStatesAsync(LiveDocument document, CancellationToken cancellationToken)
    {
        await document.Gate.WaitAsync(cancellationToken);
        try
        {
            return document.Awareness.EncodeUpdate();
        }
        finally
        {
            document.Gate.Release();
        }
    }

    private async Task CompactInBackgroundAsync(LiveDocument document)
    {
        try
        {
            await registry.CompactAsync(document, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "Compaction of {Document} failed; retried later", document.Id);
        }
        finally
        {
            document.CompactionDone();
        }
    }
}
