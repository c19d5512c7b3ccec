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
    private readonly JsonText _json;

    private ContentFormat(string key, JsonText json)
    {
        Key = key;
        _json = json;
    }

    public static ContentFormat FromValue(string key, object? value) => new(key, JsonText.FromValue(value));

    internal static ContentFormat FromJson(string key, string json) => new(key, JsonText.FromJson(json));

    public string Key { get; }

    public string Json => _json.Json;

    public object? Value => _json.Value;

    public override int Length => 1;

    public override bool Countable => false;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [];

    internal override ItemContent Copy() => new ContentFormat(Key, _json);

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
