using Docs.Yjs.Encoding;

namespace Docs.Yjs.Content;

/// <summary>Legacy JSON values (older yjs); kept as their original text so they re-encode byte for byte.</summary>
public sealed class ContentJson(List<string> jsonTexts) : ListContent<string>(jsonTexts)
{
    internal const byte ContentRef = 2;

    public IReadOnlyList<string> JsonTexts => Items;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [.. Items.Select(JsJson.Parse)];

    private protected override ListContent<string> Create(List<string> items) => new ContentJson(items);

    internal override void Write(UpdateEncoder encoder, int offset)
    {
        encoder.WriteLength(Items.Count - offset);
        for (var i = offset; i < Items.Count; i++)
        {
            encoder.WriteString(Items[i]);
        }
    }

    internal static ContentJson Read(UpdateDecoder decoder)
    {
        var count = decoder.ReadValueCount(valuesAreStrings: true);
        var texts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            texts.Add(decoder.ReadString());
        }
        return new ContentJson(texts);
    }
}
