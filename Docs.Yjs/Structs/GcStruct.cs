using Docs.Yjs.Encoding;

namespace Docs.Yjs.Structs;

/// <summary>Deleted units whose position no longer matters (garbage collected); always counts as deleted.</summary>
public sealed class GcStruct(Id id, int length) : StructBase(id, length)
{
    internal const byte StructRef = 0;

    public override bool Deleted => true;

    internal override bool MergeWith(StructBase right)
    {
        if (right is not GcStruct)
        {
            return false;
        }
        Length += right.Length;
        return true;
    }

    internal override void Write(UpdateEncoder encoder, int offset)
    {
        encoder.WriteInfo(StructRef);
        encoder.WriteLength(Length - offset);
    }

    internal override void Integrate(Transaction transaction, int offset)
    {
        if (offset > 0)
        {
            Id = Id with { Clock = Id.Clock + offset };
            Length -= offset;
        }
        transaction.Doc.Store.AddStruct(this);
    }
}
