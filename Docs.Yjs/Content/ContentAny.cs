using Docs.Yjs.Encoding;

namespace Docs.Yjs.Content;

/// <summary>JSON-like values (Any format), one unit per value: array elements and map values.</summary>
public sealed class ContentAny(List<object?> values) : ItemContent
{
    internal const byte ContentRef = 8;

    public List<object?> Values { get; private set; } = values;

    public override int Length => Values.Count;

    public override bool Countable => true;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => Values;

    internal override ItemContent Copy() => new ContentAny([.. Values]);

    internal override ItemContent Splice(int offset)
    {
        var right = new ContentAny(Values.GetRange(offset, Values.Count - offset));
        Values.RemoveRange(offset, Values.Count - offset);
        return right;
    }

    internal override bool MergeWith(ItemContent right)
    {
        Values.AddRange(((ContentAny)right).Values);
        return true;
    }

    internal override void Write(UpdateEncoder encoder, int offset)
    {
        encoder.WriteLength(Values.Count - offset);
        for (var i = offset; i < Values.Count; i++)
        {
            encoder.WriteAny(Values[i]);
        }
    }

    internal static ContentAny Read(UpdateDecoder decoder)
    {
        var count = decoder.ReadValueCount(valuesAreStrings: false);
        var values = new List<object?>(count);
        for (var i = 0; i < count; i++)
        {
            values.Add(decoder.ReadAny());
        }
        return new ContentAny(values);
    }
}
