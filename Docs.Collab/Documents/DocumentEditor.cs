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
        return await document.StateSinceAsync(stateVector, cancellationToken);
    }

    public Task<(byte[] StateVector, byte[]? Awareness)> GreetingAsync(LiveDocument document, CancellationToken cancellationToken) =>
        document.GreetingAsync(cancellationToken);

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
        switch (await document.ApplyAsync(update, connection, _options.MaxDocumentBytes, cancellationToken))
        {
            case UpdateOutcome.TooLarge:
                logger.LogWarning("Document {Document} would exceed {Max} bytes: update refused", document.Id, _options.MaxDocumentBytes);
                return null;
            case UpdateOutcome.NothingNew:
                return Task.CompletedTask; // acknowledged at once
        }
        fanout.Publish(document.Id, RedisFanout.Kind.Update, update);
        var durable = log.AppendAsync(document.Id, update);
        var due = document.LoggedUpdates >= _options.CompactAfterUpdates || document.SinceCompacted > _options.VersionInterval;
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
    public Task<bool> BringsNothingNewAsync(LiveDocument document, byte[] update, CancellationToken cancellationToken) =>
        document.HoldsAllOfAsync(StateVector.Decode(YUpdate.EncodeStateVectorFromUpdate(update)), cancellationToken);

    /// <summary>Applies and relays an awareness update, remembering which clients this connection announced.</summary>
    public async Task ApplyAwarenessAsync(DocumentConnection connection, byte[] update, CancellationToken cancellationToken)
    {
        await connection.Document.ApplyAwarenessAsync(update, connection, cancellationToken);
        fanout.Publish(connection.Document.Id, RedisFanout.Kind.Awareness, update);
    }

    public Task<byte[]> AwarenessStatesAsync(LiveDocument document, CancellationToken cancellationToken) =>
        document.AwarenessStatesAsync(cancellationToken);

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
