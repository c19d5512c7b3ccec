using System.Text;
using Docs.Yjs.Encoding;

namespace Docs.Yjs.Types;

/// <summary>A list of XML nodes (elements, text, hooks): the root of a ProseMirror/BlockNote document.</summary>
public class YXmlFragment : AbstractType
{
    internal const byte TypeRef = 4;
    private List<object?>? _prelim = [];

    internal override void Integrate(Doc doc, Structs.Item? item)
    {
        base.Integrate(doc, item);
        var prelim = _prelim;
        _prelim = null;
        if (prelim is { Count: > 0 })
        {
            Insert(0, prelim.Cast<AbstractType>().ToArray());
        }
        IntegrateAttributes();
    }

    private protected virtual void IntegrateAttributes()
    {
    }

    internal override AbstractType CopyEmpty() => new YXmlFragment();

    internal override void WriteTypeRef(UpdateEncoder encoder) => encoder.WriteTypeRef(TypeRef);

    public int Length => _prelim?.Count ?? LengthInternal;

    /// <summary>Inserts elements, text nodes or hooks at <paramref name="index"/>.</summary>
    public void Insert(int index, params AbstractType[] nodes)
    {
        if (_prelim is not null)
        {
            _prelim.InsertRange(index, nodes);
            return;
        }
        RequireDoc().Transact(t => ListInsert(t, index, nodes));
    }

    public void Push(params AbstractType[] nodes) => Insert(Length, nodes);

    public void Delete(int index, int length = 1)
    {
        if (_prelim is not null)
        {
            _prelim.RemoveRange(index, length);
            return;
        }
        RequireDoc().Transact(t => ListDelete(t, index, length));
    }

    public AbstractType Get(int index) => (AbstractType)(_prelim is not null ? _prelim[index] : ListGet(index))!;

    public IReadOnlyList<AbstractType> Children => (_prelim ?? ListToArray()).Cast<AbstractType>().ToList();

    /// <summary>The children as XML, concatenated (what yjs's <c>toString</c> gives).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var child in Children)
        {
            builder.Append(child.ToString());
        }
        return builder.ToString();
    }

    public override object? ToJson() => ToString();

    internal override void CallObserver(Transaction transaction, HashSet<string?> parentSubs)
    {
        base.CallObserver(transaction, parentSubs);
        CallTypeObservers(transaction, new YEvent(this, transaction));
    }
}
