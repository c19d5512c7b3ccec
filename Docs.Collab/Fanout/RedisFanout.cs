using System.Buffers.Binary;
using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Docs.Collab.Fanout;

/// <summary>
/// Updates and awareness between Collab instances: a Redis channel per document; each message starts
/// with the sending instance's id, so an instance ignores its own. Publishing is fire-and-forget: the
/// log is the durable path.
/// <para>
/// An instance publishes a document's changes only while another instance holds it: a document served
/// by one instance (the usual case) costs Redis nothing per keystroke. Instances find each other with
/// a handshake on the channel: one that loads a document announces itself (<see cref="Kind.Join"/>, with
/// its state vector); each holder answers <see cref="Kind.Welcome"/> (its own state vector) and publishes
/// what the newcomer lacks, and the newcomer publishes what each holder lacks. So every change reaches
/// every holder, published or in an answer: a holder starts publishing before it takes the state it
/// answers with, and the newcomer, which loaded from the log, learns everything it missed, even what
/// another instance applied but had not yet logged. After a Redis outage every document joins again.
/// </para>
/// </summary>
public sealed class RedisFanout
{
    public enum Kind : byte
    {
        Update = 0,
        Awareness = 1,
        /// <summary>An instance loaded the document: its subscription generation and state vector.</summary>
        Join = 2,
        /// <summary>The answer of a holder to <see cref="Join"/>: its subscription generation and state vector.</summary>
        Welcome = 3,
        /// <summary>An instance unloaded the document: the generation that ends.</summary>
        Leave = 4,
    }

    private const int HeaderBytes = 17; // instance id, kind

    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<RedisFanout> _logger;
    private readonly Guid _instance = Guid.NewGuid();
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();
    private long _generations;

    public RedisFanout(IConnectionMultiplexer redis, ILogger<RedisFanout> logger)
    {
        _redis = redis;
        _logger = logger;
        redis.ConnectionRestored += (_, args) =>
        {
            if (args.ConnectionType == ConnectionType.Subscription)
            {
                // Messages were lost meanwhile: find the other holders again, and exchange what either lacks.
                foreach (var subscription in _subscriptions.Values)
                {
                    _ = JoinAsync(subscription);
                }
            }
        };
    }

    /// <summary>Whether another instance is known to hold the document (then its changes are published).</summary>
    private bool HasPeers(Guid documentId) => _subscriptions.TryGetValue(documentId, out var subscription) && subscription.HasPeers;

    private static RedisChannel ChannelOf(Guid documentId) => RedisChannel.Literal($"docs:collab:doc:{documentId:N}");

    /// <summary>Holds <paramref name="document"/> until the returned subscription is disposed (when the document unloads).</summary>
    public async Task<IAsyncDisposable> SubscribeAsync(IFannedOutDocument document)
    {
        var subscription = new Subscription(this, document, Interlocked.Increment(ref _generations));
        _subscriptions[document.Id] = subscription;
        try
        {
            await _redis.GetSubscriber().SubscribeAsync(ChannelOf(document.Id), subscription.Handler);
        }
        catch (RedisException ex)
        {
            _logger.LogWarning(ex, "Could not subscribe to document {Document}; it catches up from the log when Redis is back", document.Id);
            return subscription;
        }
        await JoinAsync(subscription);
        return subscription;
    }

    /// <summary>
    /// Ends one subscription: only its own handler goes, so a reload of the document that subscribed again
    /// meanwhile keeps receiving.
    /// </summary>
    private async Task UnsubscribeAsync(Subscription subscription)
    {
        var documentId = subscription.Document.Id;
        _subscriptions.TryRemove(KeyValuePair.Create(documentId, subscription));
        PublishNow(documentId, Kind.Leave, Generation(subscription.Generation));
        try
        {
            await _redis.GetSubscriber().UnsubscribeAsync(ChannelOf(documentId), subscription.Handler);
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "Unsubscribe from {Document} failed", documentId);
        }
    }

    /// <summary>Publishes a change of the document, if another instance holds it.</summary>
    public void Publish(Guid documentId, Kind kind, byte[] payload)
    {
        if (HasPeers(documentId))
        {
            PublishNow(documentId, kind, payload);
        }
    }

    private async Task JoinAsync(Subscription subscription)
    {
        try
        {
            var (stateVector, _, _) = await subscription.Document.ExchangeAsync(peerStateVector: null);
            PublishNow(subscription.Document.Id, Kind.Join, Generation(subscription.Generation, stateVector));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Could not announce document {Document} to other instances", subscription.Document.Id);
        }
    }

    private void PublishNow(Guid documentId, Kind kind, ReadOnlySpan<byte> payload)
    {
        var message = new byte[HeaderBytes + payload.Length];
        _instance.TryWriteBytes(message);
        message[16] = (byte)kind;
        payload.CopyTo(message.AsSpan(HeaderBytes));
        _ = PublishAsync(documentId, message);
    }

    private async Task PublishAsync(Guid documentId, byte[] message)
    {
        try
        {
            await _redis.GetSubscriber().PublishAsync(ChannelOf(documentId), message, CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            _logger.LogDebug(ex, "Publish for {Document} failed", documentId);
        }
    }

    private void Receive(Subscription subscription, RedisValue value)
    {
        var documentId = subscription.Document.Id;
        var message = (byte[]?)value;
        if (message is null || message.Length < HeaderBytes
            || !_subscriptions.TryGetValue(documentId, out var current) || !ReferenceEquals(current, subscription))
        {
            return; // ended, or replaced by a newer load of the document
        }
        var sender = new Guid(message.AsSpan(0, 16));
        if (sender == _instance)
        {
            return;
        }
        var kind = (Kind)message[16];
        var body = message.AsSpan(HeaderBytes);
        switch (kind)
        {
            case Kind.Update or Kind.Awareness:
                _ = subscription.Document.ReceiveAsync(kind, body.ToArray());
                break;
            case Kind.Join or Kind.Welcome when body.Length >= sizeof(long):
                // Admitted first, so that every change applied from now on is published; then the exchange.
                subscription.Admit(sender, BinaryPrimitives.ReadInt64LittleEndian(body));
                _ = AnswerAsync(subscription, kind, body[sizeof(long)..].ToArray());
                break;
            case Kind.Leave when body.Length >= sizeof(long):
                subscription.Release(sender, BinaryPrimitives.ReadInt64LittleEndian(body));
                break;
            default:
                _logger.LogDebug("Ignored a fan-out message of kind {Kind} for {Document}", kind, documentId);
                break;
        }
    }

    /// <summary>To a newcomer (Join): welcome, then what it lacks. To a holder that welcomed us: what it lacks.</summary>
    private async Task AnswerAsync(Subscription subscription, Kind received, byte[] peerStateVector)
    {
        var documentId = subscription.Document.Id;
        try
        {
            var (stateVector, missing, awareness) = await subscription.Document.ExchangeAsync(peerStateVector);
            if (received == Kind.Join)
            {
                PublishNow(documentId, Kind.Welcome, Generation(subscription.Generation, stateVector));
            }
            if (missing is not null)
            {
                PublishNow(documentId, Kind.Update, missing);
            }
            if (awareness is not null)
            {
                PublishNow(documentId, Kind.Awareness, awareness);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An undecodable state vector from a peer, or the document went away meanwhile.
            _logger.LogWarning(ex, "Could not answer another instance about document {Document}", documentId);
        }
    }

    private static byte[] Generation(long generation, ReadOnlySpan<byte> rest = default)
    {
        var bytes = new byte[sizeof(long) + rest.Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, generation);
        rest.CopyTo(bytes.AsSpan(sizeof(long)));
        return bytes;
    }

    /// <summary>
    /// This instance's hold on a document, and the other instances known to hold it, each with the
    /// generation of its subscription: a late <see cref="Kind.Leave"/> of an older subscription (Redis may
    /// deliver to handlers concurrently) never removes a newer one. A holder that vanished without a
    /// Leave stays known: its cost is publishing for nobody, never a lost change.
    /// </summary>
    private sealed class Subscription : IAsyncDisposable
    {
        private readonly RedisFanout _fanout;
        private readonly Dictionary<Guid, long> _peers = [];
        private volatile bool _hasPeers;

        public Subscription(RedisFanout fanout, IFannedOutDocument document, long generation)
        {
            _fanout = fanout;
            Document = document;
            Generation = generation;
            Handler = (_, message) => fanout.Receive(this, message);
        }

        /// <summary>This subscription's own Redis handler (removed alone when it ends).</summary>
        public Action<RedisChannel, RedisValue> Handler { get; }

        public IFannedOutDocument Document { get; }

        public long Generation { get; }

        public ValueTask DisposeAsync() => new(_fanout.UnsubscribeAsync(this));

        public bool HasPeers => _hasPeers;

        public void Admit(Guid peer, long generation)
        {
            lock (_peers)
            {
                if (!_peers.TryGetValue(peer, out var known) || known < generation)
                {
                    _peers[peer] = generation;
                }
                _hasPeers = true;
            }
        }

        public void Release(Guid peer, long generation)
        {
            lock (_peers)
            {
                if (_peers.TryGetValue(peer, out var known) && known == generation)
                {
                    _peers.Remove(peer);
                }
                _hasPeers = _peers.Count > 0;
            }
        }
    }
}
