using Docs.Yjs.Encoding;

namespace Docs.Yjs.Types;

/// <summary>A shared map from string keys to values and nested types; concurrent writes: the higher client id wins.</summary>
public sealed class YMap : AbstractType
{
    internal const byte TypeRef = 1;
    private OrderedDictionary<string, object?>? _prelim = new();

    internal override void Integrate(Doc doc, Structs.Item? item)
    {
        base.Integrate(doc, item);
        var prelim = _prelim;
        _prelim = null;
        foreach (var (key, value) in prelim ?? [])
        {
            Set(key, value);
        }
    }

    internal override AbstractType CopyEmpty() => new YMap();

    internal override void WriteTypeRef(UpdateEncoder encoder) => encoder.WriteTypeRef(TypeRef);

    public int Count => _prelim?.Count ?? MapEntries().Count();

    public void Set(string key, object? value)
    {
        if (_prelim is not null)
        {
            _prelim[key] = value;
            return;
        }
        RequireDoc().Transact(t => MapSet(t, key, value));
    }

    public bool TryGet(string key, out object? value) =>
        _prelim is not null ? _prelim.TryGetValue(key, out value) : MapTryGet(key, out value);

    public object? Get(string key) => TryGet(key, out var value) ? value : null;

    public bool ContainsKey(string key) => TryGet(key, out _);

    public void Delete(string key)
    {
        if (_prelim is not null)
        {
            _prelim.Remove(key);
            return;
        }
        RequireDoc().Transact(t => MapDelete(t, key));
    }

    public void Clear()
    {
        if (_prelim is not null)
        {
            _prelim.Clear();
            return;
        }
        RequireDoc().Transact(t =>
        {
            foreach (var key in MapEntries().Select(entry => entry.Key).ToList())
            {
                MapDelete(t, key);
            }
        });
    }

    public IEnumerable<KeyValuePair<string, object?>> Entries => _prelim is not null ? [.. _prelim] : MapEntries();

    public IEnumerable<string> Keys => Entries.Select(entry => entry.Key);

    public override object? ToJson()
    {
        var json = new OrderedDictionary<string, object?>();
        foreach (var (key, value) in Entries)
        {
            json[key] = ValueToJson(value);
        }
        return json;
    }

    internal override void CallObserver(Transaction transaction, HashSet<string?> parentSubs)
    {
        base.CallObserver(transaction, parentSubs);
        CallTypeObservers(transaction, new YEvent(this, transaction));
    }
}
