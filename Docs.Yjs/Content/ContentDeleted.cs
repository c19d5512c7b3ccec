using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;

namespace Docs.Yjs.Content;

/// <summary>Deleted units whose values are gone; only their count remains.</summary>
public sealed class ContentDeleted(int length) : ItemContent
{
    internal const byte ContentRef = 1;
    private int _length = length;

    public override int Length => _length;

    public override bool Countable => false;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [];

    internal override ItemContent Copy() => new ContentDeleted(_length);

    internal override ItemContent Splice(int offset)
    {
        var right = new ContentDeleted(_length - offset);
        _length = offset;
        return right;
    }

    internal override bool MergeWith(ItemContent right)
    {
        _length += right.Length;
        return true;
    }

    internal override void Integrate(Transaction transaction, Item item)
    {
        transaction.DeleteSet.Add(item.Id.Client, item.Id.Clock, _length);
        item.MarkDeleted();
    }

    internal override void Write(UpdateEncoder encoder, int offset) => encoder.WriteLength(_length - offset);
}
