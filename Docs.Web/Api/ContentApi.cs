using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Docs.Web.Authentication;

namespace Docs.Web.Api;

/// <summary>
/// Docs.Api's content calls for the UI's circuits: a page as Markdown (Copy as Markdown) and imports
/// (a file sent as the reference sends it: multipart, field <c>file</c>). Exports are plain links the
/// browser follows through the gateway, so they never pass through the circuit.
/// </summary>
public sealed class ContentApi(IHttpClientFactory clients, SessionTokens tokens, ILogger<ContentApi> logger)
{
    /// <summary>The largest file the API imports (its limit, the reference's).</summary>
    public const long MaxImportBytes = 20L * 1024 * 1024;

    /// <summary>The address the browser downloads an export from.</summary>
    public static string ExportUrl(Guid id, string format, bool withDescendants, string paper) =>
        $"/api/v1.0/documents/{id}/export/?format={format}" + (withDescendants ? "&with_descendants=true" : "") + (format == "pdf" ? $"&paper={paper}" : "");

    public async Task<ApiResult<string>> MarkdownAsync(Guid id, CancellationToken ct = default)
    {
        using var request = await RequestAsync(HttpMethod.Get, $"documents/{id}/formatted-content/?content_format=markdown", ct);
        var (response, problem) = await SendAsync(request, ct);
        using (response)
        {
            if (response is null || !response.IsSuccessStatusCode)
            {
                return new ApiResult<string>(null, response?.StatusCode ?? HttpStatusCode.ServiceUnavailable, problem ?? await ProblemAsync(response, ct));
            }
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var content = json.RootElement.GetProperty("content");
            return new ApiResult<string>(content.ValueKind == JsonValueKind.String ? content.GetString() : "", response.StatusCode, null);
        }
    }

    /// <summary>Imports <paramref name="file"/> as a new document (under <paramref name="parent"/>, or at the top).</summary>
    public async Task<ApiResult<Document>> ImportAsync(Stream file, string fileName, Guid? parent = null, CancellationToken ct = default)
    {
        using var request = await RequestAsync(HttpMethod.Post, parent is null ? "documents/" : $"documents/{parent}/children/", ct);
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content = new MultipartFormDataContent { { content, "file", fileName } };
        var (response, problem) = await SendAsync(request, ct);
        using (response)
        {
            if (response is null || !response.IsSuccessStatusCode)
            {
                return new ApiResult<Document>(null, response?.StatusCode ?? HttpStatusCode.ServiceUnavailable, problem ?? await ProblemAsync(response, ct));
            }
            return new ApiResult<Document>(await response.Content.ReadFromJsonAsync<Document>(DocsApi.Json, ct), response.StatusCode, null);
        }
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, "/api/v1.0/" + path);
        if (await tokens.GetAccessTokenAsync(ct) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    private async Task<(HttpResponseMessage? Response, string? Problem)> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return (await clients.CreateClient(DocsApi.ClientName).SendAsync(request, ct), null);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "The API could not be reached for {Method} {Path}", request.Method, request.RequestUri);
            return (null, "The service cannot be reached right now.");
        }
    }

    private static async Task<string?> ProblemAsync(HttpResponseMessage? response, CancellationToken ct)
    {
        if (response is null)
        {
            return null;
        }
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = problem.RootElement;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
                && errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(e => e.GetString()).FirstOrDefault() is { } first)
            {
                return first;
            }
            return root.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
