using System.Text.Json;
using Docs.Collab.Connections;
using Docs.Core.Collaboration;
using StackExchange.Redis;

namespace Docs.Collab.Documents;

/// <summary>
/// Listens to Docs.Api (<see cref="CollaborationControl"/>): a permission change resets the document's
/// connections (of one user, or all), whose providers reconnect with a fresh ticket; a content
/// replaced through the REST API is merged into the loaded document. After a Redis outage, every
/// loaded document catches up from the log.
/// </summary>
public sealed class ControlListener(IConnectionMultiplexer redis, ConnectionRegistry connections, DocumentRegistry documents,
    ILogger<ControlListener> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(CollaborationControl.Channel);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += (_, args) =>
        {
            if (args.ConnectionType == ConnectionType.Subscription)
            {
                _ = CatchUpAllAsync();
            }
        };
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Dispatch(message));
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not subscribe to the control channel yet; the multiplexer retries");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Dispatch(RedisValue message) => _ = OnMessageAsync(message);

    private async Task OnMessageAsync(RedisValue value)
    {
        try
        {
            var message = CollaborationControl.Parse(value.ToString());
            switch (message.Type)
            {
                case CollaborationControl.Recheck:
                    var closed = await connections.ResetAsync(message.DocumentId, message.UserId, "permissions-changed");
                    logger.LogInformation("Permissions of {Document} changed: {Count} connections reset", message.DocumentId, closed);
                    break;
                case CollaborationControl.Content when documents.Find(message.DocumentId) is { } document:
                    await documents.CatchUpAsync(document, CancellationToken.None);
                    break;
            }
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed control message");
        }
    }

    private async Task CatchUpAllAsync()
    {
        foreach (var document in documents.Loaded.ToList())
        {
            try
            {
                await documents.CatchUpAsync(document, CancellationToken.None);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                logger.LogWarning(ex, "Catch-up of {Document} failed", document.Id);
            }
        }
        logger.LogInformation("Redis is back: loaded documents caught up from the log");
    }
}
