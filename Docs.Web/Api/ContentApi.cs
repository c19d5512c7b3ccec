using System.Net.Http.Headers;

namespace Docs.Web.Api;

/// <summary>
/// Docs.Api's content calls for the UI's circuits, through <see cref="DocsApi"/>: a page as Markdown (Copy as Markdown)
/// and imports (a file sent as the reference sends it: multipart, field <c>file</c>). Exports are plain links the browser
/// follows through the gateway, so they never pass through the circuit.
/// </summary>
public sealed class ContentApi(DocsApi api)
{
    /// <summary>The largest file the API imports (its limit, the reference's).</summary>
    public const long MaxImportBytes = 20L * 1024 * 1024;

    /// <summary>The address the browser downloads an export from.</summary>
    public static string ExportUrl(Guid id, string format, bool withDescendants, string paper) =>
        $"/api/v1.0/documents/{id}/export/?format={format}" + (withDescendants ? "&with_descendants=true" : "") + (format == "pdf" ? $"&paper={paper}" : "");

    public async Task<ApiResult<string>> MarkdownAsync(Guid id, CancellationToken ct = default)
    {
        var result = await api.SendContentAsync<FormattedContent>(HttpMethod.Get, $"documents/{id}/formatted-content/?content_format=markdown", null, ct);
        return new ApiResult<string>(result.Ok ? result.Value!.Content ?? "" : null, result.Status, result.Problem);
    }

    /// <summary>Imports <paramref name="file"/> as a new document (under <paramref name="parent"/>, or at the top).</summary>
    public Task<ApiResult<Document>> ImportAsync(Stream file, string fileName, Guid? parent = null, CancellationToken ct = default)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return api.SendContentAsync<Document>(HttpMethod.Post, parent is null ? "documents/" : $"documents/{parent}/children/",
            new MultipartFormDataContent { { content, "file", fileName } }, ct);
    }

    /// <summary>The answer of <c>formatted-content/</c>.</summary>
    private sealed record FormattedContent(string? Content);
}
