using Docs.Yjs.Encoding;
using Docs.Yjs.Structs;
using Docs.Yjs.Types;

namespace Docs.Yjs.Content;

/// <summary>
/// A rich-text formatting marker: from here on, attribute <see cref="Key"/> is <see cref="Value"/>
/// (null ends it). Takes a clock unit but no position.
/// </summary>
public sealed class ContentFormat : ItemContent
{
    internal const byte ContentRef = 6;
    private object? _value;
    private bool _parsed;

    private ContentFormat(string key, string json, object? value, bool parsed)
    {
        Key = key;
        Json = json;
        _value = value;
        _parsed = parsed;
    }

    public static ContentFormat FromValue(string key, object? value) => new(key, JsJson.Stringify(value), value, parsed: true);

    internal static ContentFormat FromJson(string key, string json) => new(key, json, null, parsed: false);

    public string Key { get; }

    public string Json { get; }

    public object? Value
    {
        get
        {
            if (!_parsed)
            {
                _value = JsJson.Parse(Json);
                _parsed = true;
            }
            return _value;
        }
    }

    public override int Length => 1;

    public override bool Countable => false;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [];

    internal override ItemContent Copy() => new ContentFormat(Key, Json, _value, _parsed);

    internal override void Integrate(Transaction transaction, Item item)
    {
        // As in yjs: search markers are not kept for rich text, and formatting needs cleaning up.
        if (item.Parent is YText text)
        {
            text.SearchMarkers = null;
            text.HasFormatting = true;
        }
    }

    internal override void Write(UpdateEncoder encoder, int offset)
    {
        encoder.WriteKey(Key);
        encoder.WriteJson(Json);
    }
}
