using Docs.Core.Data;
using Docs.Core.Documents;
using Docs.Core.Search;
using Npgsql;

namespace Docs.Worker.Search;

/// <summary>
/// Keeps the search index fresh: indexes the documents whose content changed since they were last indexed
/// (<c>document_search.indexed_version</c> behind <c>content_version</c>, which a trigger moves when Docs.Collab records a
/// document's edit time, debounced, or the API writes content), woken by PostgreSQL's <c>NOTIFY docs_search</c> from the same
/// triggers, and every <see cref="FallbackInterval"/> in case a notification was missed (a dropped connection). At start, the
/// documents indexed under another language than the installation's are marked for indexing again.
/// </summary>
public sealed class SearchIndexer(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<SearchIndexer> logger) : BackgroundService
{
    public const string Channel = "docs_search";

    private static readonly TimeSpan FallbackInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(ResourceNames.DocsDatabase))
        {
            // LISTEN needs a connection of its own, not shared by multiplexing, kept alive through quiet hours.
            Multiplexing = false,
            Pooling = false,
            KeepAlive = 30,
        }.ConnectionString;
        var started = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = new NpgsqlConnection(connectionString);
                await listener.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                if (!started)
                {
                    await MarkOtherLanguagesAsync(listener, stoppingToken);
                    started = true;
                }
                while (!stoppingToken.IsCancellationRequested)
                {
                    // Listening before indexing: a change committed while a batch is indexed wakes the next round.
                    while (await IndexBatchAsync(stoppingToken) == SearchIndexing.BatchSize)
                    {
                    }
                    await listener.WaitAsync(FallbackInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever went wrong (the database away, a bug), the worker and its other jobs carry on; indexing resumes.
                logger.LogWarning(ex, "Search indexing interrupted; starting again shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task<int> IndexBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var indexing = scope.ServiceProvider.GetRequiredService<SearchIndexing>();
        return await indexing.IndexStaleAsync(cancellationToken);
    }

    private static async Task MarkOtherLanguagesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE document_search SET indexed_version = 0 WHERE language <> docs_search_language()::text AND indexed_version > 0", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
