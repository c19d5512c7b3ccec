namespace Docs.Api.Features.Content;

/// <summary>The formats of <c>formatted-content/?content_format=</c> (the reference's names).</summary>
public enum ContentFormat
{
    Json,
    Markdown,
    Html,
}

/// <summary>The formats of <c>export/?format=</c> (file extensions).</summary>
public enum ExportFormat
{
    Md,
    Html,
    Docx,
    Pdf,
}

/// <summary>Query values to formats: exact lower-case names, as the API documents them.</summary>
public static class ContentFormats
{
    public const string ContentFormatChoices = "One of: json, markdown, html.";
    public const string ExportFormatChoices = "One of: md, html, docx, pdf.";

    public static ContentFormat? ParseContentFormat(string? value) => value?.ToLowerInvariant() switch
    {
        null or "json" => ContentFormat.Json,
        "markdown" => ContentFormat.Markdown,
        "html" => ContentFormat.Html,
        _ => null,
    };

    public static ExportFormat? ParseExportFormat(string? value) => value?.ToLowerInvariant() switch
    {
        "md" or "markdown" => ExportFormat.Md,
        "html" => ExportFormat.Html,
        "docx" => ExportFormat.Docx,
        "pdf" => ExportFormat.Pdf,
        _ => null,
    };
}
