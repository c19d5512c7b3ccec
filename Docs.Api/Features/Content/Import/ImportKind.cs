namespace Docs.Api.Features.Content.Import;

/// <summary>What an imported file is, from its name (and, for Word and zips, its first bytes).</summary>
public enum ImportKind
{
    Markdown,
    Html,
    Docx,
    MarkdownZip,
}

public static class ImportKinds
{
    public const string Choices = "Send a Markdown (.md), HTML (.html), Word (.docx) file, or a zip (.zip) of Markdown files.";

    public static ImportKind? Of(string? fileName, string? mediaType, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var zip = head.StartsWith("PK\x03\x04"u8);
        return extension switch
        {
            ".md" or ".markdown" => ImportKind.Markdown,
            ".html" or ".htm" => ImportKind.Html,
            ".docx" when zip => ImportKind.Docx,
            ".zip" when zip => ImportKind.MarkdownZip,
            _ => mediaType?.ToLowerInvariant() switch
            {
                "text/markdown" => ImportKind.Markdown,
                "text/html" => ImportKind.Html,
                _ => null,
            },
        };
    }
}
