using Docs.Yjs.Encoding;

namespace Docs.Yjs.Content;

/// <summary>
/// A value stored as JSON text (embeds, format values): the text is kept as received so that it
/// re-encodes byte for byte; the value is parsed on first use.
/// </summary>
internal sealed class JsonText
{
    private object? _value;
    private bool _parsed;

    private JsonText(string json, object? value, bool parsed)
    {
        Json = json;
        _value = value;
        _parsed = parsed;
    }

    public static JsonText FromValue(object? value) => new(JsJson.Stringify(value), value, parsed: true);

    public static JsonText FromJson(string json) => new(json, null, parsed: false);

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
}
