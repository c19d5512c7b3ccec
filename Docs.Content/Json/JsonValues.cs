using System.Text.Json;
using Docs.Yjs;
using Docs.Yjs.Encoding;

namespace Docs.Content.Json;

/// <summary>Prop values (JSON-like .NET values) to and from JSON, as JavaScript's JSON would give them.</summary>
internal static class JsonValues
{
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null or YUndefined:
                writer.WriteNullValue();
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case long integer:
                writer.WriteNumberValue(integer);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    if (item is not YUndefined)
                    {
                        writer.WritePropertyName(key);
                        Write(writer, item);
                    }
                }
                writer.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                if (JsNumber.TryGet(value, out var number) && double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteNullValue();
                }
                break;
        }
    }

    /// <summary>A JSON value as the model holds it: integers as long (when exact), other numbers as double.</summary>
    public static object? Read(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? integer : element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(Read).ToList(),
        JsonValueKind.Object => element.EnumerateObject().Aggregate(new OrderedDictionary<string, object?>(StringComparer.Ordinal), (map, p) =>
        {
            map[p.Name] = Read(p.Value);
            return map;
        }),
        _ => null,
    };
}
