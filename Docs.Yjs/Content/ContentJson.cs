using Docs.Yjs.Encoding;

namespace Docs.Yjs.Content;

/// <summary>Legacy JSON values (older yjs); kept as their original text so they re-encode byte for byte.</summary>
public sealed class ContentJson(List<string> jsonTexts) : ItemContent
{
    internal const byte ContentRef = 2;

    public List<string> JsonTexts { get; private set; } = jsonTexts;

    public override int Length => JsonTexts.Count;

    public override bool Countable => true;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [.. JsonTexts.Select(JsJson.Parse)];

    internal override ItemContent Copy() => new ContentJson([.. JsonTexts]);

    internal override ItemContent Splice(int offset)
    {
        var right = new ContentJson(JsonTexts.GetRange(offset, JsonTexts.Count - offset));
        JsonTexts.RemoveRange(offset, JsonTexts.Count - offset);
        return right;
    }

    internal override bool MergeWith(ItemContent right)
    {
        JsonTexts.AddRange(((ContentJson)right).JsonTexts);
        return true;
    }

    internal override void Write(UpdateEncoder encoder, int offset)
    {
        encoder.WriteLength(JsonTexts.Count - offset);
        for (var i = offset; i < JsonTexts.Count; i++)
        {
            encoder.WriteString(JsonTexts[i]);
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
