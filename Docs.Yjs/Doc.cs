using System.Security.Cryptography;
using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;
using Docs.Yjs.Types;

namespace Docs.Yjs;

/// <summary>Receives each update a transaction produced (v1 format), with the transaction's origin.</summary>
public delegate void UpdateHandler(byte[] update, object? origin, Transaction transaction);

/// <summary>
/// A Yjs document: named shared types (<see cref="GetText"/>, <see cref="GetMap"/>...) over a store of
/// structs, changed in transactions, exchanged as updates byte-compatible with npm yjs 13.6.
/// Like a yjs document, it is not thread-safe: callers serialise access (one transaction at a time).
/// </summary>
public sealed class Doc
{
    private readonly Dictionary<string, AbstractType> _share = new(StringComparer.Ordinal);
    private readonly List<Transaction> _cleanups = [];
    private Transaction? _current;

    public Doc(ulong? clientId = null, string? guid = null, bool gc = true)
    {
        ClientId = clientId ?? GenerateClientId();
        Guid = guid ?? System.Guid.NewGuid().ToString();
        Gc = gc;
    }

    /// <summary>The client id of this peer: a random 32-bit number, as yjs picks.</summary>
    public ulong ClientId { get; internal set; }

    public string Guid { get; }

    /// <summary>Whether deleted content is garbage collected at the end of transactions.</summary>
    public bool Gc { get; }

    /// <summary>Decides which deleted items may be collected (all by default).</summary>
    public Func<Item, bool> GcFilter { get; set; } = static _ => true;

    /// <summary>For subdocuments: the option that makes peers load them at once.</summary>
    public bool AutoLoad { get; init; }

    public object? Meta { get; init; }

    public bool ShouldLoad { get; internal set; } = true;

    /// <summary>For a subdocument, the item of its parent document that holds it.</summary>
    public Item? Item { get; internal set; }

    public StructStore Store { get; } = new();

    public IReadOnlyDictionary<string, AbstractType> Share => _share;

    /// <summary>Raised once per transaction that changed something, with the v1 update.</summary>
    public event UpdateHandler? Update;

    public event Action<Transaction>? BeforeTransaction;

    /// <summary>Raised after observers ran, before garbage collection and the update event.</summary>
    public event Action<Transaction>? AfterTransaction;

    internal static ulong GenerateClientId() => BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));

    internal static Doc CreateSubdocument(string guid, OrderedDictionary<string, object?> options)
    {
        var gc = !(options.TryGetValue("gc", out var gcValue) && gcValue is false);
        return new Doc(guid: guid, gc: gc)
        {
            AutoLoad = options.TryGetValue("autoLoad", out var autoLoad) && autoLoad is true,
            Meta = options.GetValueOrDefault("meta"),
            ShouldLoad = false,
        };
    }

    public YText GetText(string name = "") => Get(name, static () => new YText());

    public YMap GetMap(string name = "") => Get(name, static () => new YMap());

    public YArray GetArray(string name = "") => Get(name, static () => new YArray());

    public YXmlFragment GetXmlFragment(string name = "") => Get(name, static () => new YXmlFragment());

    public YXmlText GetXmlText(string name = "") => Get(name, static () => new YXmlText());

    public YXmlElement GetXmlElement(string name = "") => Get(name, static () => new YXmlElement());

    /// <summary>
    /// The root type <paramref name="name"/>, created on first use. A root first seen in an update has no
    /// kind yet; the first typed request gives it one. Asking for another kind afterwards is an error.
    /// </summary>
    public T Get<T>(string name, Func<T> create) where T : AbstractType
    {
        if (!_share.TryGetValue(name, out var existing))
        {
            var created = create();
            created.RootName = name;
            created.Integrate(this, null);
            _share[name] = created;
            return created;
        }
        if (existing is T typed)
        {
            return typed;
        }
        if (existing.GetType() == typeof(AbstractType))
        {
            var replacement = create();
            replacement.RootName = name;
            replacement.AdoptContentOf(existing);
            _share[name] = replacement;
            replacement.Integrate(this, null);
            return replacement;
        }
        throw new InvalidOperationException($"The root type '{name}' is a {existing.GetType().Name}, not a {typeof(T).Name}.");
    }

    /// <summary>The root named <paramref name="name"/> as received, typed or not (for updates that name it).</summary>
    internal AbstractType GetOrCreateRoot(string name)
    {
        if (!_share.TryGetValue(name, out var existing))
        {
            existing = new AbstractType { RootName = name };
            existing.Integrate(this, null);
            _share[name] = existing;
        }
        return existing;
    }

    public void Transact(Action<Transaction> change, object? origin = null, bool local = true) =>
        Transact<object?>(transaction =>
        {
            change(transaction);
            return null;
        }, origin, local);

    public T Transact<T>(Func<Transaction, T> change, object? origin = null, bool local = true)
    {
        var initial = false;
        if (_current is null)
        {
            initial = true;
            _current = new Transaction(this, origin, local);
            _cleanups.Add(_current);
            BeforeTransaction?.Invoke(_current);
        }
        try
        {
            return change(_current);
        }
        finally
        {
            if (initial)
            {
                var finishCleanup = _current == _cleanups[0];
                _current = null;
                if (finishCleanup)
                {
                    TransactionCleanup.Run(this, _cleanups);
                }
            }
        }
    }

    internal void RaiseAfterTransaction(Transaction transaction) => AfterTransaction?.Invoke(transaction);

    internal bool HasUpdateListeners => Update is not null;

    internal void RaiseUpdate(byte[] update, Transaction transaction) => Update?.Invoke(update, transaction.Origin, transaction);

    /// <summary>Whether structs or deletions of an applied update wait for what they depend on.</summary>
    public bool HasPending => Store.Pending is not null || Store.PendingDeleteSet is not null;

    /// <summary>Applies a v1 update (from any peer, in any order; what cannot be integrated yet waits).</summary>
    public void ApplyUpdate(byte[] update, object? origin = null) => UpdateReader.Apply(this, update, origin);

    /// <summary>Applies an update in the v2 format (converted to v1 first).</summary>
    public void ApplyUpdateV2(byte[] update, object? origin = null) => ApplyUpdate(Updates.YUpdate.ConvertV2ToV1(update), origin);

    /// <summary>The document as one update, or only what a peer with <paramref name="stateVector"/> lacks.</summary>
    public byte[] EncodeStateAsUpdate(byte[]? stateVector = null) => UpdateWriter.EncodeStateAsUpdate(this, stateVector);

    public byte[] EncodeStateVector() => StateVector.Encode(Store.GetStateVector());
}
