using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Docs.Yjs.Encoding;

/// <summary>
/// <c>JSON.stringify</c> and <c>JSON.parse</c> as JavaScript does them, for the content kinds that Yjs
/// stores as JSON text (embeds, format values, legacy JSON content): byte-identical output matters.
/// </summary>
public static class JsJson
{
    public static string Stringify(object? value)
    {
        var builder = new StringBuilder();
        if (!Write(builder, value, 0))
        {
            return "undefined";
        }
        return builder.ToString();
    }

    /// <summary>Returns false where JavaScript would produce <c>undefined</c> (omitted in objects).</summary>
    private static bool Write(StringBuilder builder, object? value, int depth)
    {
        if (depth > AnyCodec.MaxDepth)
        {
            throw new ArgumentException("The value nests too deeply to be stored.", nameof(value));
        }
        switch (value)
        {
            case null:
                builder.Append("null");
                return true;
            case YUndefined:
                return false;
            case bool b:
                builder.Append(b ? "true" : "false");
                return true;
            case string s:
                WriteString(builder, s);
                return true;
            case byte[] bytes:
                // A Uint8Array stringifies as an object with index keys.
                builder.Append('{');
                for (var i = 0; i < bytes.Length; i++)
                {
                    builder.Append(i == 0 ? "\"" : ",\"").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\":").Append(bytes[i].ToString(CultureInfo.InvariantCulture));
                }
                builder.Append('}');
                return true;
            case IDictionary<string, object?> map:
                WriteObject(builder, map, depth);
                return true;
            case IReadOnlyDictionary<string, object?> map:
                WriteObject(builder, map, depth);
                return true;
            case IList list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }
                    if (!Write(builder, list[i], depth + 1))
                    {
                        builder.Append("null");
                    }
                }
                builder.Append(']');
                return true;
            default:
                if (JsNumber.TryGet(value, out var number))
                {
                    builder.Append(double.IsFinite(number) ? JsNumber.Format(number) : "null");
                    return true;
                }
                throw new ArgumentException($"A value of type {value.GetType().Name} cannot be stored as JSON.", nameof(value));
        }
    }

    private static void WriteObject(StringBuilder builder, IEnumerable<KeyValuePair<string, object?>> map, int depth)
    {
        builder.Append('{');
        var first = true;
        foreach (var (key, item) in map)
        {
            var mark = builder.Length;
            if (!first)
            {
                builder.Append(',');
            }
            WriteString(builder, key);
            builder.Append(':');
            if (Write(builder, item, depth + 1))
            {
                first = false;
            }
            else
            {
                builder.Length = mark;
            }
        }
        builder.Append('}');
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // Well-formed JSON.stringify (ES2019) escapes lone surrogates.
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
    }

    /// <summary>Parses JSON text into the value model of <see cref="AnyCodec"/>; the text <c>undefined</c> gives <see cref="YUndefined"/>.</summary>
    public static object? Parse(string json)
    {
        if (json == "undefined")
        {
            return YUndefined.Value;
        }
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = AnyCodec.MaxDepth });
            return Convert(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new YjsDecodingException($"Invalid JSON content: {ex.Message}", ex);
        }
    }

    private static object? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) && Math.Abs(integer) <= (1L << 53) ? integer : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.Object => ToObject(element),
        _ => throw new YjsDecodingException($"Unexpected JSON value kind {element.ValueKind}."),
    };

    private static OrderedDictionary<string, object?> ToObject(JsonElement element)
    {
        var map = new OrderedDictionary<string, object?>();
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = Convert(property.Value);
        }
        return map;
    }
}
