using System.Text.Json;
using Docs.Yjs.Encoding;
using Docs.Yjs.Types;

namespace Docs.Yjs.Tests.Interop;

/// <summary>The operations of tests/interop/ops.mjs, applied to Docs.Yjs documents.</summary>
internal static class SessionOps
{
    public static object? ToValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                return value.EnumerateArray().Select(ToValue).ToList();
            case JsonValueKind.Object:
                if (value.TryGetProperty("$ymap", out var entries))
                {
                    var map = new YMap();
                    foreach (var entry in entries.EnumerateObject())
                    {
                        map.Set(entry.Name, ToValue(entry.Value));
                    }
                    return map;
                }
                if (value.TryGetProperty("$yarray", out var items))
                {
                    var array = new YArray();
                    array.Insert(0, items.EnumerateArray().Select(ToValue).ToList());
                    return array;
                }
                if (value.TryGetProperty("$ytext", out var text))
                {
                    return new YText(text.GetString()!);
                }
                if (value.TryGetProperty("$bytes", out var bytes))
                {
                    return bytes.EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray();
                }
                var result = new OrderedDictionary<string, object?>();
                foreach (var property in value.EnumerateObject())
                {
                    result[property.Name] = ToValue(property.Value);
                }
                return result;
            case JsonValueKind.Number:
                return value.TryGetInt64(out var integer) ? integer : value.GetDouble();
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static OrderedDictionary<string, object?>? Attributes(JsonElement op) =>
        op.TryGetProperty("attrs", out var attrs) && attrs.ValueKind == JsonValueKind.Object
            ? (OrderedDictionary<string, object?>)ToValue(attrs)!
            : null;

    private static YXmlElement? XmlElementAt(Doc doc, int index)
    {
        var fragment = doc.GetXmlFragment("xml");
        return index < fragment.Length ? fragment.Get(index) as YXmlElement : null;
    }

    private static YXmlText? XmlTextOf(YXmlElement? element) =>
        element is { Length: > 0 } && element.Get(0) is YXmlText text ? text : null;

    private static object? NestedAt(Doc doc, JsonElement op)
    {
        var array = doc.GetArray("array");
        var at = op.GetProperty("at").GetInt32();
        return at < array.Length ? array.Get(at) : null;
    }

    public static bool Apply(Doc doc, JsonElement op)
    {
        int Int(string name) => op.GetProperty(name).GetInt32();
        string Str(string name) => op.GetProperty(name).GetString()!;
        var text = doc.GetText("text");
        switch (Str("op"))
        {
            case "textInsert":
                text.Insert(Int("index"), Str("text"), Attributes(op));
                return true;
            case "textDelete":
                text.Delete(Int("index"), Int("len"));
                return true;
            case "textFormat":
                text.Format(Int("index"), Int("len"), Attributes(op)!);
                return true;
            case "textEmbed":
                text.InsertEmbed(Int("index"), ToValue(op.GetProperty("embed"))!, Attributes(op));
                return true;
            case "arrayInsert":
                doc.GetArray("array").Insert(Int("index"), op.GetProperty("values").EnumerateArray().Select(ToValue).ToList());
                return true;
            case "arrayDelete":
                doc.GetArray("array").Delete(Int("index"), Int("len"));
                return true;
            case "mapSet":
                doc.GetMap("map").Set(Str("key"), ToValue(op.GetProperty("value")));
                return true;
            case "mapDelete":
                doc.GetMap("map").Delete(Str("key"));
                return true;
            case "nestedMapSet":
                if (NestedAt(doc, op) is not YMap nestedMap)
                {
                    return false;
                }
                nestedMap.Set(Str("key"), ToValue(op.GetProperty("value")));
                return true;
            case "nestedTextInsert":
                if (NestedAt(doc, op) is not YText nestedText)
                {
                    return false;
                }
                nestedText.Insert(Math.Min(Int("index"), nestedText.Length), Str("text"));
                return true;
            case "xmlInsert":
            {
                var element = new YXmlElement(Str("name"));
                foreach (var attribute in op.GetProperty("attrs").EnumerateObject())
                {
                    element.SetAttribute(attribute.Name, ToValue(attribute.Value));
                }
                if (op.GetProperty("text").ValueKind == JsonValueKind.String)
                {
                    var xmlText = new YXmlText();
                    xmlText.Insert(0, Str("text"));
                    element.Insert(0, xmlText);
                }
                doc.GetXmlFragment("xml").Insert(Int("index"), element);
                return true;
            }
            case "xmlDelete":
                doc.GetXmlFragment("xml").Delete(Int("index"), Int("len"));
                return true;
            case "xmlSetAttribute":
                if (XmlElementAt(doc, Int("at")) is not { } target)
                {
                    return false;
                }
                target.SetAttribute(Str("key"), ToValue(op.GetProperty("value")));
                return true;
            case "xmlTextInsert":
            {
                if (XmlTextOf(XmlElementAt(doc, Int("at"))) is not { } xmlText)
                {
                    return false;
                }
                xmlText.Insert(Math.Min(Int("index"), xmlText.Length), Str("text"), Attributes(op));
                return true;
            }
            case "xmlTextFormat":
            {
                if (XmlTextOf(XmlElementAt(doc, Int("at"))) is not { Length: > 0 } xmlText)
                {
                    return false;
                }
                var index = Math.Min(Int("index"), xmlText.Length - 1);
                xmlText.Format(index, Math.Min(Int("len"), xmlText.Length - index), Attributes(op)!);
                return true;
            }
            default:
                throw new InvalidOperationException("Unknown op " + Str("op"));
        }
    }

    /// <summary>The same JSON as ops.mjs's <c>snapshot</c>: text delta, array and map JSON, XML string.</summary>
    public static string Snapshot(Doc doc)
    {
        var delta = doc.GetText("text").ToDelta().Select(op =>
        {
            var json = new OrderedDictionary<string, object?> { ["insert"] = AbstractType.ValueToJson(op.Insert![0]) };
            if (op.Attributes is { } attributes)
            {
                json["attributes"] = attributes;
            }
            return (object?)json;
        }).ToList();
        return JsJson.Stringify(new OrderedDictionary<string, object?>
        {
            ["text"] = delta,
            ["array"] = doc.GetArray("array").ToJson(),
            ["map"] = doc.GetMap("map").ToJson(),
            ["xml"] = doc.GetXmlFragment("xml").ToString(),
        });
    }
}
