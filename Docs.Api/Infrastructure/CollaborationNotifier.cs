using Docs.Core.Collaboration;
using StackExchange.Redis;

namespace Docs.Api.Infrastructure;

/// <summary>
/// Tells Docs.Collab, through Redis, that a document's permissions changed (re-check its connections)
/// or that its content was replaced through the REST API (reload it).
/// </summary>
public sealed class CollaborationNotifier(IConnectionMultiplexer redis, ILogger<CollaborationNotifier> logger)
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(CollaborationControl.Channel);

    public Task PermissionsChangedAsync(Guid documentId, Guid? userId = null) =>
        PublishAsync(CollaborationControl.PermissionsChanged(documentId, userId));

    public Task ContentReplacedAsync(Guid documentId) =>
        PublishAsync(CollaborationControl.ContentReplaced(documentId));

    private async Task PublishAsync(CollaborationControl message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, message.Serialize());
        }
        catch (RedisException ex)
        {
            // Not fatal: tickets are short-lived, so a missed re-check is caught up within a minute.
            logger.LogWarning(ex, "Could not notify the collaboration server");
        }
    }
}
