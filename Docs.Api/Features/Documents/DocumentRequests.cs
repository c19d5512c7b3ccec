namespace Docs.Api.Features.Documents;

public sealed record CreateDocumentRequest(string? Title);

/// <summary>PUT and PATCH: absent fields are left as they are.</summary>
public sealed record UpdateDocumentRequest(string? Title, string? Excerpt);

public sealed record MoveDocumentRequest(Guid? TargetDocumentId, string? Position);

public sealed record DuplicateDocumentRequest(bool WithAccesses = false, bool WithDescendants = false);

public sealed record LinkConfigurationRequest(string? LinkReach, string? LinkRole);

internal static class DocumentRules
{
    public const int MaxTitleLength = 255;
    public const int MaxExcerptLength = 1000;

    public static Dictionary<string, string[]> Validate(string? title, string? excerpt = null)
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
        return errors;
    }
}
