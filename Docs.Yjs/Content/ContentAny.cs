using Docs.Yjs.Encoding;

namespace Docs.Yjs.Content;

/// <summary>JSON-like values (Any format), one unit per value: array elements and map values.</summary>
public sealed class ContentAny(List<object?> values) : ListContent<object?>(values)
{
    internal const byte ContentRef = 8;

    public IReadOnlyList<object?> Values => Items;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => Items;

    private protected override ListContent<object?> Create(List<object?> items) => new ContentAny(items);

    internal override void Write(UpdateEncoder encoder, int offset)
    {
        encoder.WriteLength(Items.Count - offset);
        for (var i = offset; i < Items.Count; i++)
        {
            encoder.WriteAny(Items[i]);
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
