using Docs.Collab.Connections;
using Docs.Collab.Persistence;
using Docs.Collab.Throttling;
using Docs.Core.Documents;
using Docs.Yjs;
using Docs.Yjs.Protocols;
using Docs.Yjs.Updates;

namespace Docs.Collab.Documents;

/// <summary>How a client's update was taken.</summary>
public enum UpdateOutcome
{
    /// <summary>Applied and broadcast: it must be logged.</summary>
    Applied,

    /// <summary>It brought nothing new (as a reconnecting client's step 2 often does): neither relayed nor logged.</summary>
    NothingNew,

    /// <summary>Refused: the document would exceed its size limit.</summary>
    TooLarge,
}

/// <summary>
/// A document loaded in this instance: its Yjs state, its awareness, and its connections. It owns its gate:
/// every read and change below takes it, one at a time, as the Doc is not thread-safe and the order of broadcasts
/// is the order of application. Nothing outside holds the gate.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "The gate never creates a wait handle, so it holds nothing to release; a late caller (a relayed message after unload) must still be able to enter it.")]
public sealed class LiveDocument
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly List<DocumentConnection> _connections = [];

    // Connections per person (DocumentConnection.Person), under the gate.
    private readonly Dictionary<string, int> _perPerson = new(StringComparer.Ordinal);

    // The sockets a broadcast must drain, reused from one broadcast to the next (broadcasts hold the gate).
    private readonly List<ISocket> _idle = [];

    // Whether a transaction changed the document since Apply began.
    private bool _changed;

    public LiveDocument(Guid id, Doc doc, long bytes)
    {
        Id = id;
        Doc = doc;
        _bytes = bytes;
        Awareness = new Awareness(doc.ClientId);
        doc.AfterTransaction += transaction => _changed |= !transaction.DeleteSet.IsEmpty || !SameClocks(transaction.BeforeState, transaction.AfterState);
    }

    public Guid Id { get; }

    private Doc Doc { get; }

    private Awareness Awareness { get; }

    /// <summary>The update bytes all the document's writers may send (see <see cref="CollabOptions.DocumentBytesPerSecond"/>).</summary>
    public TokenBucket Inflow { get; init; } = TokenBucket.Unlimited;

    private long _bytes;

    /// <summary>Approximate stored size: snapshot plus logged updates.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    private int _loggedUpdates;

    /// <summary>Updates logged since the document was loaded or last compacted.</summary>
    public int LoggedUpdates => Volatile.Read(ref _loggedUpdates);

    // Set when the document leaves the registry; a late attach must reload.
    private bool _unloaded;

    private DateTimeOffset _lastDetached;

    /// <summary>This instance's hold on the document in the fan-out between instances; ended at unload.</summary>
    public IAsyncDisposable? Fanout { get; set; }

    private long _lastCompacted = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>How long since the log was last folded into the snapshot (or the document loaded).</summary>
    public TimeSpan SinceCompacted => System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastCompacted));

    private int _compacting;

    /// <summary>True for the one caller that may start a compaction now.</summary>
    public bool TryStartCompaction() => Interlocked.CompareExchange(ref _compacting, 1, 0) == 0;

    public void CompactionDone() => Volatile.Write(ref _compacting, 0);

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    private int _connectionCount;

    private async Task<Lease> EnterAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Lease(_gate);
    }

    /// <summary>The gate, held until disposed.</summary>
    private readonly struct Lease(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    /// <summary>
    /// Attaches <paramref name="connection"/> unless the document is full — in all, or for its person (a user, or an
    /// anonymous address: one party may not take the whole document). False for <paramref name="unloaded"/> when the
    /// document just left the registry: the caller loads it again.
    /// </summary>
    public async Task<(bool Attached, bool Unloaded)> AttachAsync(DocumentConnection connection, int maxConnections, int maxPerPerson,
        CancellationToken cancellationToken)
    {
        using var lease = await EnterAsync(cancellationToken);
        if (_unloaded)
        {
            return (false, true);
        }
        var ofPerson = _perPerson.GetValueOrDefault(connection.Person);
        if (_connections.Count >= maxConnections || ofPerson >= maxPerPerson)
        {
            return (false, false);
        }
        _connections.Add(connection);
        _perPerson[connection.Person] = ofPerson + 1;
        Volatile.Write(ref _connectionCount, _connections.Count);
        return (true, false);
    }

    /// <summary>
    /// Detaches a connection and removes the awareness states it announced, for the others here; the removal is
    /// returned for other instances. Null when it was not attached.
    /// </summary>
    public async Task<(bool Detached, byte[]? AwarenessRemoval)> DetachAsync(DocumentConnection connection, DateTimeOffset now)
    {
        using var lease = await EnterAsync();
        if (!_connections.Remove(connection))
        {
            return (false, null);
        }
        Volatile.Write(ref _connectionCount, _connections.Count);
        var left = _perPerson.GetValueOrDefault(connection.Person) - 1;
        if (left > 0)
        {
            _perPerson[connection.Person] = left;
        }
        else
        {
            _perPerson.Remove(connection.Person);
        }
        _lastDetached = now;
        if (connection.AwarenessClients.Count == 0)
        {
            return (true, null);
        }
        Awareness.RemoveStates(connection.AwarenessClients, connection);
        var removal = Awareness.EncodeUpdate(connection.AwarenessClients);
        Broadcast(Outbound.Awareness, removal);
        return (true, removal);
    }

    /// <summary>
    /// Marks the document unloaded if it has had no connection for <paramref name="idle"/>: then <see cref="TimeSpan.Zero"/>.
    /// Otherwise how much longer to wait, or null when there is nothing to wait for (connected again, or already unloaded).
    /// </summary>
    public async Task<TimeSpan?> UnloadIfIdleAsync(TimeSpan idle, DateTimeOffset now)
    {
        using var lease = await EnterAsync();
        if (_connections.Count > 0 || _unloaded)
        {
            return null;
        }
        var wait = idle - (now - _lastDetached);
        if (wait > TimeSpan.Zero)
        {
            return wait;
        }
        _unloaded = true;
        return TimeSpan.Zero;
    }

    /// <summary>Marks the document unloaded whatever its connections (at shutdown).</summary>
    public async Task MarkUnloadedAsync()
    {
        using var lease = await EnterAsync();
        _unloaded = true;
    }

    /// <summary>Up to this many sockets to write to, a broadcast writes on the caller's thread; beyond, the writing is shared out.</summary>
    private const int InlineFanOut = 64;

    // A large room's broadcast is written by thread-pool items after the gate is released. Updates applied
    // while they write are held here (under the gate) and go out merged, one frame per connection, once
    // they are done, as Hocuspocus merges what arrives while it is busy: each client of a crowded document
    // then applies one update instead of several, and the server writes one frame instead of several.
    private List<(byte[] Update, DocumentConnection? Origin)>? _held;
    private int _writing; // thread-pool items still writing large broadcasts

    /// <summary>
    /// Sends an update or awareness change to every connection but <paramref name="origin"/> (which has it
    /// already: echoing it back costs a send per change and tells the client nothing), framed once per
    /// protocol and key (session keys differ). Frames are queued in order here, under the gate; a small room
    /// is then written on this thread, a large one by a few thread-pool items so that every core writes and
    /// the gate is not held for a thousand writes.
    /// </summary>
    internal void Broadcast(Outbound kind, byte[] payload, DocumentConnection? origin = null)
    {
        if (kind == Outbound.Update && (Volatile.Read(ref _writing) > 0 || _held is not null))
        {
            (_held ??= []).Add((payload, origin));
            if (Volatile.Read(ref _writing) == 0)
            {
                // The writing ended and its flush has not run yet: what is held goes now, ahead of nothing newer.
                SendHeld();
            }
            return; // else sent with the next flush, when the writing is done
        }
        Send(kind, payload, origin);
    }

    private void Send(Outbound kind, byte[] payload, DocumentConnection? origin)
    {
        // Nearly every connection of a document shares one frame key: remember the last frame, and keep a
        // table only when keys differ. No allocation per broadcast beyond the frames themselves.
        string? lastKey = null;
        WireFrame lastFrame = default;
        Dictionary<string, WireFrame>? frames = null;
        var idle = _idle;
        foreach (var connection in _connections)
        {
            if (ReferenceEquals(connection, origin))
            {
                continue;
            }
            var key = connection.FrameKey;
            WireFrame frame;
            if (string.Equals(key, lastKey, StringComparison.Ordinal))
            {
                frame = lastFrame;
            }
            else if (frames is null || !frames.TryGetValue(key, out frame))
            {
                frame = WireFrame.Binary(connection.Frame(kind, payload));
                if (lastKey is not null)
                {
                    frames ??= new Dictionary<string, WireFrame>(StringComparer.Ordinal) { [lastKey] = lastFrame };
                    frames[key] = frame;
                }
            }
            (lastKey, lastFrame) = (key, frame);
            if (connection.Socket.Enqueue(frame))
            {
                idle.Add(connection.Socket);
            }
        }
        try
        {
            Drain(idle);
        }
        finally
        {
            idle.Clear();
        }
    }

    private void Drain(List<ISocket> idle)
    {
        if (idle.Count <= InlineFanOut)
        {
            foreach (var socket in idle)
            {
                socket.Drain();
            }
            return;
        }
        var shares = Math.Min(Environment.ProcessorCount, (idle.Count + InlineFanOut - 1) / InlineFanOut);
        var size = (idle.Count + shares - 1) / shares;
        Interlocked.Add(ref _writing, (idle.Count + size - 1) / size);
        for (var start = 0; start < idle.Count; start += size)
        {
            var share = idle.GetRange(start, Math.Min(size, idle.Count - start));
            ThreadPool.UnsafeQueueUserWorkItem(static work =>
            {
                foreach (var socket in work.Share)
                {
                    socket.Drain();
                }
                if (Interlocked.Decrement(ref work.Document._writing) == 0)
                {
                    _ = work.Document.FlushHeldAsync();
                }
            }, (Document: this, Share: share), preferLocal: false);
        }
    }

    /// <summary>Once a large broadcast is written: sends what was held meanwhile, merged (which may start the next one).</summary>
    private async Task FlushHeldAsync()
    {
        using var lease = await EnterAsync();
        if (_held is not null && Volatile.Read(ref _writing) == 0)
        {
            SendHeld();
        }
    }

    /// <summary>
    /// Sends the held updates as one: a single one to every connection but its sender, as any update; merged
    /// from several senders, to every connection, each getting its own change back with the others'. Merging
    /// only saves frames: should it fail, they go one by one, as they came (each was applied to the
    /// document, so each is valid).
    /// </summary>
    private void SendHeld()
    {
        var held = _held!;
        _held = null;
        if (held.Count == 1)
        {
            Send(Outbound.Update, held[0].Update, held[0].Origin);
            return;
        }
        byte[] merged;
        try
        {
            merged = YUpdate.Merge(held.ConvertAll(entry => entry.Update));
        }
        catch (YjsDecodingException)
        {
            foreach (var (update, origin) in held)
            {
                Send(Outbound.Update, update, origin);
            }
            return;
        }
        Send(Outbound.Update, merged, origin: null);
    }

    /// <summary>
    /// Applies a client's update within <paramref name="maxBytes"/> and relays it to every other connection. An update
    /// that brings nothing — no content, no deletion, nothing left waiting for what it lacks — is neither relayed nor
    /// logged (Hocuspocus relays only what changed the document, too).
    /// Throws <see cref="YjsDecodingException"/> for an undecodable update, having changed nothing.
    /// </summary>
    public async Task<UpdateOutcome> ApplyAsync(byte[] update, DocumentConnection origin, long maxBytes, CancellationToken cancellationToken)
    {
        using var lease = await EnterAsync(cancellationToken);
        if (Bytes + update.Length > maxBytes)
        {
            return UpdateOutcome.TooLarge;
        }
        _changed = false;
        Doc.ApplyUpdate(update, origin);
        if (!_changed && !Doc.HasPending)
        {
            return UpdateOutcome.NothingNew;
        }
        Interlocked.Add(ref _bytes, update.Length);
        Interlocked.Increment(ref _loggedUpdates);
        Broadcast(Outbound.Update, update, origin);
        return UpdateOutcome.Applied;
    }

    private static bool SameClocks(IReadOnlyDictionary<ulong, long> before, IReadOnlyDictionary<ulong, long> after) =>
        before.Count == after.Count && after.All(entry => before.TryGetValue(entry.Key, out var clock) && clock == entry.Value);

    /// <summary>Applies and relays an awareness update, remembering which clients <paramref name="origin"/> announced.</summary>
    public async Task ApplyAwarenessAsync(byte[] update, DocumentConnection origin, CancellationToken cancellationToken)
    {
        using var lease = await EnterAsync(cancellationToken);
        var change = Awareness.ApplyUpdate(update, origin);
        origin.AwarenessClients.UnionWith(change.Added);
        origin.AwarenessClients.UnionWith(change.Updated);
        origin.AwarenessClients.ExceptWith(change.Removed);
        Broadcast(Outbound.Awareness, update, origin);
    }

    /// <summary>
    /// An update or awareness change relayed by another instance, applied and broadcast as received (no state-vector
    /// diff on this hot path). False when the document was unloaded meanwhile.
    /// </summary>
    public async Task<bool> ApplyRelayedAsync(Outbound kind, byte[] payload)
    {
        using var lease = await EnterAsync();
        if (_unloaded)
        {
            return false;
        }
        if (kind == Outbound.Update)
        {
            Doc.ApplyUpdate(payload, origin: null);
        }
        else
        {
            Awareness.ApplyUpdate(payload, origin: null);
        }
        Broadcast(kind, payload);
        return true;
    }

    /// <summary>
    /// Applies stored pieces (after a Redis outage, or when the API replaced the content) and broadcasts what each
    /// changed. A piece that cannot be decoded is skipped (and reported): the state stays as it was.
    /// </summary>
    public async Task CatchUpAsync(IEnumerable<byte[]> pieces, Action<YjsDecodingException> skipped, CancellationToken cancellationToken)
    {
        using var lease = await EnterAsync(cancellationToken);
        foreach (var piece in pieces)
        {
            try
            {
                var before = Doc.EncodeStateVector();
                Doc.ApplyUpdate(piece, origin: this);
                if (MissingSince(before) is { } diff)
                {
                    Broadcast(Outbound.Update, diff);
                }
            }
            catch (YjsDecodingException ex)
            {
                skipped(ex);
            }
        }
    }

    /// <summary>
    /// Folds the stored snapshot and logged updates into the document (nothing another instance or the API wrote is
    /// lost) and returns the whole state, to become the new snapshot.
    /// </summary>
    public async Task<byte[]> FoldAsync(byte[]? snapshot, IReadOnlyList<byte[]> updates)
    {
        using var lease = await EnterAsync();
        if (snapshot is { Length: > 0 })
        {
            Doc.ApplyUpdate(snapshot);
        }
        foreach (var update in updates)
        {
            Doc.ApplyUpdate(update);
        }
        var state = Doc.EncodeStateAsUpdate();
        Interlocked.Exchange(ref _bytes, state.Length);
        Volatile.Write(ref _loggedUpdates, 0);
        Interlocked.Exchange(ref _lastCompacted, System.Diagnostics.Stopwatch.GetTimestamp());
        return state;
    }

    /// <summary>What a peer at <paramref name="stateVector"/> lacks (the whole update, possibly empty).</summary>
    public async Task<byte[]> StateSinceAsync(byte[] stateVector, CancellationToken cancellationToken)
    {
        using var lease = await EnterAsync(cancellationToken);
        return Doc.EncodeStateAsUpdate(stateVector);
    }

    /// <summary>What a new connection is told first: the state vector, and the awareness states if there are any.</summary>
    public async Task<(byte[] StateVector, byte[]? Awareness)> GreetingAsync(CancellationToken cancellationToken)
    {
        using var lease = await EnterAsync(cancellationToken);
        return (Doc.EncodeStateVector(), Awareness.States.Count > 0 ? Awareness.EncodeUpdate() : null);
    }

    /// <summary>
    /// What another instance exchanges on joining: this state vector and, when it gave its own, what it lacks and the
    /// awareness states.
    /// </summary>
    public async Task<(byte[] StateVector, byte[]? Missing, byte[]? Awareness)> ExchangeAsync(byte[]? peerStateVector)
    {
        using var lease = await EnterAsync();
        var stateVector = Doc.EncodeStateVector();
        if (peerStateVector is null)
        {
            return (stateVector, null, null);
        }
        var awareness = Awareness.States.Count > 0 ? Awareness.EncodeUpdate() : null;
        return (stateVector, MissingSince(peerStateVector), awareness);
    }

    /// <summary>Whether the document already holds everything up to <paramref name="stateVector"/>.</summary>
    public async Task<bool> HoldsAllOfAsync(IReadOnlyDictionary<ulong, long> stateVector, CancellationToken cancellationToken)
    {
        using var lease = await EnterAsync(cancellationToken);
        var current = StateVector.Decode(Doc.EncodeStateVector());
        return stateVector.All(entry => current.TryGetValue(entry.Key, out var clock) && clock >= entry.Value);
    }

    /// <summary>Every awareness state, encoded.</summary>
    public async Task<byte[]> AwarenessStatesAsync(CancellationToken cancellationToken)
    {
        using var lease = await EnterAsync(cancellationToken);
        return Awareness.EncodeUpdate();
    }

    /// <summary>What a peer at <paramref name="stateVector"/> lacks; null when nothing. Under the gate.</summary>
    private byte[]? MissingSince(byte[] stateVector)
    {
        var missing = Doc.EncodeStateAsUpdate(stateVector);
        return missing.Length > 2 ? missing : null; // an empty update is two zero bytes: no structs, no deletions
    }

    public static LiveDocument FromStore(Guid id, StoredDocument stored, TokenBucket inflow)
    {
        var doc = new Doc();
        if (stored.Snapshot is { Length: > 0 } snapshot)
        {
            doc.ApplyUpdate(snapshot);
        }
        foreach (var update in stored.Updates)
        {
            doc.ApplyUpdate(update);
        }
        return new LiveDocument(id, doc, stored.Bytes) { _loggedUpdates = stored.Updates.Count, Inflow = inflow };
    }
}
