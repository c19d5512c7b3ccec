using System.Text.Json;
using StackExchange.Redis;

namespace Docs.Api.Infrastructure;

/// <summary>
/// Tells Docs.Collab, through Redis, that a document's permissions changed (re-check its connections)
/// or that its content was replaced through the REST API (reload it).
/// </summary>
public sealed class CollaborationNotifier(IConnectionMultiplexer redis, ILogger<CollaborationNotifier> logger)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("docs:collab:control");

    public Task PermissionsChangedAsync(Guid documentId, Guid? userId = null) =>
        PublishAsync(new { type = "recheck", document_id = documentId, user_id = userId });

    public Task ContentReplacedAsync(Guid documentId) =>
        PublishAsync(new { type = "content", document_id = documentId });

    private async Task PublishAsync(object message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(message));
        }
        catch (RedisException ex)
        {
            // Not fatal: tickets are short-lived, so a missed re-check is caught up within a minute.
            logger.LogWarning(ex, "Could not notify the collaboration server");
        }
    }
}
