using Docs.Yjs.Encoding;

namespace Docs.Yjs.Types;

/// <summary>A shared list of values and nested types.</summary>
public sealed class YArray : AbstractType
{
    internal const byte TypeRef = 0;
    private List<object?>? _prelim = [];

    public YArray() => SearchMarkers = [];

    public int Length => _prelim?.Count ?? LengthInternal;

    internal override void Integrate(Doc doc, Structs.Item? item)
    {
        base.Integrate(doc, item);
        var prelim = _prelim;
        _prelim = null;
        if (prelim is { Count: > 0 })
        {
            Insert(0, prelim);
        }
    }

    internal override AbstractType CopyEmpty() => new YArray();

    internal override void WriteTypeRef(UpdateEncoder encoder) => encoder.WriteTypeRef(TypeRef);

    public void Insert(int index, params IReadOnlyList<object?> values)
    {
        if (_prelim is not null)
        {
            _prelim.InsertRange(index, values);
            return;
        }
        RequireDoc().Transact(t => ListInsert(t, index, values));
    }

    public void Push(params IReadOnlyList<object?> values)
    {
        if (_prelim is not null)
        {
            _prelim.AddRange(values);
            return;
        }
        RequireDoc().Transact(t => ListPush(t, values));
    }

    public void Unshift(params IReadOnlyList<object?> values) => Insert(0, values);

    public void Delete(int index, int length = 1)
    {
        if (_prelim is not null)
        {
            _prelim.RemoveRange(index, length);
            return;
        }
        RequireDoc().Transact(t => ListDelete(t, index, length));
    }

    public object? Get(int index) => _prelim is not null ? _prelim[index] : ListGet(index);

    public List<object?> ToList() => _prelim is not null ? [.. _prelim] : ListToArray();

    public override object? ToJson() => ToList().Select(ValueToJson).ToList();

    internal override void CallObserver(Transaction transaction, HashSet<string?> parentSubs)
    {
        base.CallObserver(transaction, parentSubs);
        CallTypeObservers(transaction, new YEvent(this, transaction));
    }
}
