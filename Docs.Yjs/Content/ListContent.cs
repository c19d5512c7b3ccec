namespace Docs.Yjs.Content;

/// <summary>Content that is a list of values, one unit each, split and merged as lists.</summary>
public abstract class ListContent<T> : ItemContent
{
    private protected ListContent(List<T> items) => Items = items;

    private protected List<T> Items { get; }

    public override int Length => Items.Count;

    public override bool Countable => true;

    private protected abstract ListContent<T> Create(List<T> items);

    internal override ItemContent Copy() => Create([.. Items]);

    internal override ItemContent Splice(int offset)
    {
        var right = Create(Items.GetRange(offset, Items.Count - offset));
        Items.RemoveRange(offset, Items.Count - offset);
        return right;
    }

    internal override bool MergeWith(ItemContent right)
    {
        Items.AddRange(((ListContent<T>)right).Items);
        return true;
    }
}
