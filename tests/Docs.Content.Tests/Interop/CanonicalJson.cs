using System.Text.Json.Nodes;

namespace Docs.Content.Tests.Interop;

/// <summary>JSON with every object's keys sorted, indented: equal documents give equal text, and a difference shows as a text diff.</summary>
public static class CanonicalJson
{
    public static string Of(JsonNode? node) => Sorted(node)?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) ?? "null";

    public static string Of(string json) => Of(JsonNode.Parse(json));

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
