using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Docs.Collab.Fanout;

/// <summary>
/// Updates and awareness between Collab instances: a Redis channel per document; each message starts
/// with the sending instance's id, so an instance ignores its own. Publishing is fire-and-forget: the
/// log is the durable path, and instances catch up from it after an outage.
/// </summary>
public sealed class RedisFanout(IConnectionMultiplexer redis, ILogger<RedisFanout> logger)
{
    public enum Kind : byte
    {
        Update = 0,
        Awareness = 1,
    }

    private readonly byte[] _instance = Guid.NewGuid().ToByteArray();
    private readonly ConcurrentDictionary<Guid, Action<Kind, byte[]>> _handlers = new();

    private static RedisChannel ChannelOf(Guid documentId) => RedisChannel.Literal($"docs:collab:doc:{documentId:N}");

    public async Task SubscribeAsync(Guid documentId, Action<Kind, byte[]> handler)
    {
        _handlers[documentId] = handler;
        try
        {
            await redis.GetSubscriber().SubscribeAsync(ChannelOf(documentId), (_, message) => Receive(documentId, message));
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Could not subscribe to document {Document}; it catches up from the log when Redis is back", documentId);
        }
    }

    public async Task UnsubscribeAsync(Guid documentId)
    {
        _handlers.TryRemove(documentId, out _);
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(ChannelOf(documentId));
        }
        catch (RedisException ex)
        {
            logger.LogDebug(ex, "Unsubscribe from {Document} failed", documentId);
        }
    }

    public void Publish(Guid documentId, Kind kind, byte[] payload)
    {
        var message = new byte[17 + payload.Length];
        _instance.CopyTo(message, 0);
        message[16] = (byte)kind;
        payload.CopyTo(message, 17);
        _ = PublishAsync(documentId, message);
    }

    private async Task PublishAsync(Guid documentId, byte[] message)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(ChannelOf(documentId), message, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogDebug(ex, "Publish for {Document} failed", documentId);
        }
    }

    private void Receive(Guid documentId, RedisValue value)
    {
        var message = (byte[]?)value;
        if (message is null || message.Length < 17 || message.AsSpan(0, 16).SequenceEqual(_instance) || !_handlers.TryGetValue(documentId, out var handler))
        {
            return;
        }
        handler((Kind)message[16], message[17..]);
    }
}
