using Docs.Yjs.Encoding;

namespace Docs.Yjs.Content;

/// <summary>An embed in rich text (an image, a mention...), stored as JSON text; one unit.</summary>
public sealed class ContentEmbed : ItemContent
{
    internal const byte ContentRef = 5;
    private readonly JsonText _json;

    private ContentEmbed(JsonText json) => _json = json;

    public static ContentEmbed FromValue(object? value) => new(JsonText.FromValue(value));

    internal static ContentEmbed FromJson(string json) => new(JsonText.FromJson(json));

    public string Json => _json.Json;

    public object? Value => _json.Value;

    public override int Length => 1;

    public override bool Countable => true;

    internal override byte Ref => ContentRef;

    public override IReadOnlyList<object?> GetContent() => [Value];

    internal override ItemContent Copy() => new ContentEmbed(_json);

    internal override void Write(UpdateEncoder encoder, int offset) => encoder.WriteJson(Json);
}
