namespace Docs.Web.Api;

/// <summary>A result of <c>documents/search/</c>: the snippet comes in parts, the matched words apart, shown as text.</summary>
public sealed record SearchResult(Guid Id, string? Title, List<SearchPathItem> Path, List<SnippetPart> Snippet, DateTimeOffset UpdatedAt);

public sealed record SearchPathItem(Guid Id, string? Title);

public sealed record SnippetPart(string Text, bool Highlighted);
