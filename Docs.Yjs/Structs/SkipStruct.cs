using Docs.Yjs.Encoding;

namespace Docs.Yjs.Structs;

/// <summary>A clock range that a merged update does not contain. Never part of a document.</summary>
public sealed class SkipStruct(Id id, int length) : StructBase(id, length)
{
    internal const byte StructRef = 10;

    public override bool Deleted => true;

    internal override bool MergeWith(StructBase right)
    {
        if (right is not SkipStruct)
        {
            return false;
        }
        Length += right.Length;
        return true;
    }

    internal override void Write(UpdateEncoder encoder, int offset)
    {
        encoder.WriteInfo(StructRef);
        // lib0 writes the Skip length with the plain var uint, not the length encoder.
        encoder.Rest.WriteVarUint((ulong)(Length - offset));
    }

    internal override void Integrate(Transaction transaction, int offset) =>
        throw new InvalidOperationException("Skip structs are never integrated.");
}
