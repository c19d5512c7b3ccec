using System.Text.Json.Serialization;
using Docs.Api.Infrastructure;
using Docs.Core.Access;
using Docs.Core.Documents;

namespace Docs.Api.Features.Documents;

public sealed record CreateDocumentRequest(string? Title) : IValidatedRequest
{
    public TypedProblem? Validate() => DocumentRules.Validate(Title);
}

/// <summary>PUT and PATCH: absent fields are left as they are.</summary>
public sealed record UpdateDocumentRequest(string? Title, string? Excerpt) : IValidatedRequest
{
    public TypedProblem? Validate() => DocumentRules.Validate(Title, Excerpt);
}

public sealed record MoveDocumentRequest(Guid? TargetDocumentId, string? Position) : IValidatedRequest
{
    /// <summary>Last child when absent.</summary>
    [JsonIgnore]
    public MovePosition ParsedPosition => EnumNames.TryParseKebab<MovePosition>(Position, out var position) ? position : MovePosition.LastChild;

    public TypedProblem? Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (TargetDocumentId is null)
        {
            errors["target_document_id"] = ["Required."];
        }
        if (Position is not null && !EnumNames.TryParseKebab<MovePosition>(Position, out _))
        {
            errors["position"] = [EnumNames.OneOf<MovePosition>(kebab: true)];
        }
        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }
}

public sealed record DuplicateDocumentRequest(bool WithAccesses = false, bool WithDescendants = false);

public sealed record LinkConfigurationRequest(string? LinkReach, string? LinkRole) : IValidatedRequest
{
    [JsonIgnore]
    public LinkSetting Setting => new(EnumNames.Parse<Core.Access.LinkReach>(LinkReach), EnumNames.Parse<Core.Access.LinkRole>(LinkRole));

    public TypedProblem? Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!EnumNames.TryParse<Core.Access.LinkReach>(LinkReach, out _))
        {
            errors["link_reach"] = [EnumNames.OneOf<Core.Access.LinkReach>()];
        }
        if (!EnumNames.TryParse<Core.Access.LinkRole>(LinkRole, out _))
        {
            errors["link_role"] = [EnumNames.OneOf<Core.Access.LinkRole>()];
        }
        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }
}

internal static class DocumentRules
{
    public const int MaxTitleLength = 255;
    public const int MaxExcerptLength = 1000;

    public static FieldsProblem? Validate(string? title, string? excerpt = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (title is { Length: > MaxTitleLength })
        {
            errors["title"] = [$"At most {MaxTitleLength} characters."];
        }
        if (excerpt is { Length: > MaxExcerptLength })
        {
            errors["excerpt"] = [$"At most {MaxExcerptLength} characters."];
        }
        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }
}
