using Docs.Yjs.Encoding;

namespace Docs.Yjs.Content;

/// <summary>An embed in rich text (an image, a mention...), stored as JSON text; one unit.</summary>
public sealed class ContentEmbed : ItemContent
{
    internal const byte ContentRef = 5;
    private object? _value;
    private bool _parsed;

    private ContentEmbed(string json, object? value, bool parsed)
    {
        Json = json;
        _value = value;
        _parsed = parsed;
    }

    public static ContentEmbed FromValue(object? value) => new(JsJson.Stringify(value), value, parsed: true);

    internal static ContentEmbed FromJson(string json) => new(json, null, parsed: false);

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

    public override bool Countable => true;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [Value];

    internal override ItemContent Copy() => new ContentEmbed(Json, _value, _parsed);

    internal override void Write(UpdateEncoder encoder, int offset) => encoder.WriteJson(Json);
}
