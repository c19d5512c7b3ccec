namespace Docs.Api.Features.Search;

/// <summary>A document found: its title, where it is (the ancestors the caller can read, root first), a snippet, and when it changed.</summary>
public sealed record SearchResult(Guid Id, string? Title, IReadOnlyList<SearchPathItem> Path, IReadOnlyList<SnippetPart> Snippet,
    DateTimeOffset UpdatedAt);

public sealed record SearchPathItem(Guid Id, string? Title);
