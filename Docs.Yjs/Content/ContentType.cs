using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;
using Docs.Yjs.Types;

namespace Docs.Yjs.Content;

/// <summary>A nested shared type (a map in an array, an element in a fragment...); one unit.</summary>
public sealed class ContentType(AbstractType type) : ItemContent
{
    internal const byte ContentRef = 7;

    public AbstractType Type { get; } = type;

    public override int Length => 1;

    public override bool Countable => true;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [Type];

    internal override ItemContent Copy() => new ContentType(Type.CopyEmpty());

    internal override void Integrate(Transaction transaction, Item item) => Type.Integrate(transaction.Doc, item);

    internal override void Delete(Transaction transaction)
    {
        for (var item = Type.Start; item is not null; item = item.Right)
        {
            if (!item.Deleted)
            {
                item.Delete(transaction);
            }
            else if (item.Id.Clock < transaction.BeforeStateOf(item.Id.Client))
            {
                // Deleted earlier: it will be collected, and may merge with neighbours afterwards.
                transaction.MergeStructs.Add(item);
            }
        }
        foreach (var item in Type.Map.Values)
        {
            if (!item.Deleted)
            {
                item.Delete(transaction);
            }
            else if (item.Id.Clock < transaction.BeforeStateOf(item.Id.Client))
            {
                transaction.MergeStructs.Add(item);
            }
        }
        transaction.Changed.Remove(Type);
    }

    internal override void Gc(StructStore store)
    {
        for (var item = Type.Start; item is not null; item = item.Right)
        {
            item.Gc(store, parentGcd: true);
        }
        Type.Start = null;
        foreach (var last in Type.Map.Values)
        {
            for (var item = last; item is not null; item = item.Left)
            {
                item.Gc(store, parentGcd: true);
            }
        }
        Type.Map.Clear();
    }

    internal override void Write(UpdateEncoder encoder, int offset) => Type.WriteTypeRef(encoder);
}
