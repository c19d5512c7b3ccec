using System.Text.Json;
using System.Text.Json.Serialization;

namespace Docs.Core.Collaboration;

/// <summary>
/// What Docs.Api tells Docs.Collab through Redis, on <see cref="Channel"/>: <see cref="Recheck"/> the connections to a
/// document (of one user, or all) after its permissions changed, or reload its <see cref="Content"/> after it was
/// replaced through the REST API. One JSON object a message: <c>{"type", "document_id", "user_id"}</c>.
/// </summary>
public sealed record CollaborationControl([property: JsonRequired] string Type, [property: JsonRequired] Guid DocumentId, Guid? UserId = null)
{
    /// <summary>The Redis channel.</summary>
    public const string Channel = "docs:collab:control";

    public const string Recheck = "recheck";
    public const string Content = "content";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static CollaborationControl PermissionsChanged(Guid documentId, Guid? userId = null) => new(Recheck, documentId, userId);

    public static CollaborationControl ContentReplaced(Guid documentId) => new(Content, documentId);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    /// <summary>Throws <see cref="JsonException"/> for a message that is not one of these.</summary>
    public static CollaborationControl Parse(string message) =>
        JsonSerializer.Deserialize<CollaborationControl>(message, Json) ?? throw new JsonException("A control message is a JSON object.");
}
