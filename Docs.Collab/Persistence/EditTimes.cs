using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Docs.Collab.Persistence;

/// <summary>
/// Moves documents' <c>updated_at</c> (and <c>content_updated_at</c>) to their last committed edit, so lists
/// sort and say "updated" as people expect. Debounced: commits only note the time in memory, and one
/// statement every <see cref="CollabOptions.EditTimesInterval"/> writes what was noted, off the path of
/// acknowledgements (it never waits behind a compaction's row lock while an editor waits for its ack).
/// Moving <c>content_updated_at</c> is also the search index's signal (a trigger marks the document for Docs.Worker), so
/// each moves whenever it is behind the edit: <c>content_updated_at</c> even when a rename has moved <c>updated_at</c> past
/// it meanwhile, <c>updated_at</c> even when a fold has moved <c>content_updated_at</c> (the fold signalled the index).
/// </summary>
public sealed class EditTimes(NpgsqlDataSource database, IOptions<CollabOptions> options, TimeProvider time, ILogger<EditTimes> logger)
    : BackgroundService
{
    private ConcurrentDictionary<Guid, DateTimeOffset> _noted = new();

    /// <summary>Called once per committed batch for each document in it.</summary>
    public void Edited(Guid documentId) => _noted[documentId] = time.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.EditTimesInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_noted.IsEmpty)
        {
            return;
        }
        var noted = Interlocked.Exchange(ref _noted, new ConcurrentDictionary<Guid, DateTimeOffset>());
        try
        {
            await using var command = database.CreateCommand("""
                UPDATE documents d SET updated_at = greatest(d.updated_at, t.at), content_updated_at = greatest(d.content_updated_at, t.at)
                FROM unnest($1::uuid[], $2::timestamptz[]) AS t(id, at)
                WHERE d.id = t.id AND (d.updated_at < t.at OR d.content_updated_at IS NULL OR d.content_updated_at < t.at)
                """);
            command.Parameters.Add(new() { Value = noted.Keys.ToArray() });
            command.Parameters.Add(new() { Value = noted.Values.ToArray() });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Times only: put them back for the next round rather than lose them.
            foreach (var (id, at) in noted)
            {
                _noted.AddOrUpdate(id, at, (_, newer) => newer > at ? newer : at);
            }
            logger.LogWarning(ex, "Could not record the edit times of {Count} documents; retrying", noted.Count);
        }
    }
}
