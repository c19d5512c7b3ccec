using Docs.Collab.Connections;
using Docs.Collab.Persistence;
using Docs.Collab.Throttling;
using Docs.Core.Documents;
using Docs.Yjs;
using Docs.Yjs.Protocols;
using Docs.Yjs.Updates;

namespace Docs.Collab.Documents;

/// <summary>
/// A document loaded in this instance: its Yjs state, its awareness, and its connections. Every
/// change goes through <see cref="Gate"/>, one at a time: the Doc is not thread-safe, and the order
/// of broadcasts is the order of application.
/// </summary>
public sealed class LiveDocument
{
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
        Bytes = bytes;
        Awareness = new Awareness(doc.ClientId);
        doc.AfterTransaction += transaction => _changed |= !transaction.DeleteSet.IsEmpty || !SameClocks(transaction.BeforeState, transaction.AfterState);
    }

    public Guid Id { get; }

    public Doc Doc { get; }

    public Awareness Awareness { get; }

    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The update bytes all the document's writers may send (see <see cref="CollabOptions.DocumentBytesPerSecond"/>).</summary>
    public TokenBucket Inflow { get; init; } = TokenBucket.Unlimited;

    /// <summary>Approximate stored size: snapshot plus logged updates.</summary>
    public long Bytes { get; set; }

    /// <summary>Updates logged since the document was loaded or last compacted.</summary>
    public int LoggedUpdates { get; set; }

    /// <summary>Set (under the gate) when the document leaves the registry; a late attach must reload.</summary>
    public bool Unloaded { get; set; }

    public DateTimeOffset LastDetached { get; set; }

    /// <summary>This instance's hold on the document in the fan-out between instances; ended at unload.</summary>
    public IAsyncDisposable? Fanout { get; set; }

    /// <summary>When the log was last folded into the snapshot (or the document loaded).</summary>
    public long LastCompacted { get; set; } = System.Diagnostics.Stopwatch.GetTimestamp();

    private int _compacting;

    /// <summary>True for the one caller that may start a compaction now.</summary>
    public bool TryStartCompaction() => Interlocked.CompareExchange(ref _compacting, 1, 0) == 0;

    public void CompactionDone() => Volatile.Write(ref _compacting, 0);

    public int ConnectionCount => _connections.Count;

    /// <summary>Under the gate.</summary>
    public IReadOnlyList<DocumentConnection> Connections => _connections;

    /// <summary>Under the gate.</summary>
    public int ConnectionsOf(string person) => _perPerson.GetValueOrDefault(person);

    public void Attach(DocumentConnection connection)
    {
        _connections.Add(connection);
        _perPerson[connection.Person] = ConnectionsOf(connection.Person) + 1;
    }

    public bool Detach(DocumentConnection connection)
    {
        if (!_connections.Remove(connection))
        {
            return false;
        }
        var left = ConnectionsOf(connection.Person) - 1;
        if (left > 0)
        {
            _perPerson[connection.Person] = left;
        }
        else
        {
            _perPerson.Remove(connection.Person);
        }
        return true;
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
    public void Broadcast(Outbound kind, byte[] payload, DocumentConnection? origin = null)
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
        await Gate.WaitAsync();
        try
        {
            if (_held is not null && Volatile.Read(ref _writing) == 0)
            {
                SendHeld();
            }
        }
        finally
        {
            Gate.Release();
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
    /// Applies a client's update (under the gate). False when it brought nothing: no content, no deletion,
    /// nothing left waiting for what it lacks — as a reconnecting client's step 2 often does. Such an update
    /// is neither relayed nor logged (Hocuspocus relays only what changed the document, too).
    /// </summary>
    public bool Apply(byte[] update, object? origin)
    {
        _changed = false;
        Doc.ApplyUpdate(update, origin);
        return _changed || Doc.HasPending;
    }

    private static bool SameClocks(IReadOnlyDictionary<ulong, long> before, IReadOnlyDictionary<ulong, long> after) =>
        before.Count == after.Count && after.All(entry => before.TryGetValue(entry.Key, out var clock) && clock == entry.Value);

    /// <summary>Applies an update from elsewhere (another instance, the API, the log) and broadcasts what it changed.</summary>
    public void ApplyAndBroadcast(byte[] update)
    {
        var before = Doc.EncodeStateVector();
        Doc.ApplyUpdate(update, origin: this);
        if (MissingSince(before) is { } diff)
        {
            Broadcast(Outbound.Update, diff);
        }
    }

    /// <summary>What a peer at <paramref name="stateVector"/> lacks (under the gate); null when nothing.</summary>
    public byte[]? MissingSince(byte[] stateVector)
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
        return new LiveDocument(id, doc, stored.Bytes) { LoggedUpdates = stored.Updates.Count, Inflow = inflow };
    }
}
