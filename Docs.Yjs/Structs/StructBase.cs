using Docs.Yjs.Encoding;

namespace Docs.Yjs.Structs;

/// <summary>A run of consecutive clocks of one client: an <see cref="Item"/>, a <see cref="GcStruct"/> or a <see cref="SkipStruct"/>.</summary>
public abstract class StructBase(Id id, int length)
{
    public Id Id { get; internal set; } = id;

    public int Length { get; internal set; } = length;

    public abstract bool Deleted { get; }

    /// <summary>The id of the last unit.</summary>
    public Id LastId => new(Id.Client, Id.Clock + Length - 1);

    /// <summary>The first clock after this struct.</summary>
    public long EndClock => Id.Clock + Length;

    internal abstract bool MergeWith(StructBase right);

    internal abstract void Write(UpdateEncoder encoder, int offset);

    internal abstract void Integrate(Transaction transaction, int offset);
}
