using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Docs.Web.Authentication;

namespace Docs.Web.Api;

/// <summary>
/// Docs.Api for the UI's circuits, with the signed-in user's access token (or none: public documents are
/// readable anonymously). The API decides everything; the UI only shows what the abilities allow.
/// </summary>
public sealed class DocsApi(HttpClient http, SessionTokens tokens, ILogger<DocsApi> logger)
{
    public const string ClientName = "docs-api";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public Task<ApiResult<CurrentUser>> MeAsync(CancellationToken ct = default) => SendAsync<CurrentUser>(HttpMethod.Get, "users/me/", null, ct);

    public Task<ApiResult<Page<Document>>> ListAsync(DocumentFilter filter, string ordering, int page, string? title = null, CancellationToken ct = default)
    {
        var query = new List<string> { $"ordering={Uri.EscapeDataString(ordering)}", $"page={page}" };
        switch (filter)
        {
            case DocumentFilter.Mine: query.Add("is_creator_me=true"); break;
            case DocumentFilter.SharedWithMe: query.Add("is_creator_me=false"); break;
            case DocumentFilter.Pinned: query.Add("is_favorite=true"); break;
        }
        if (!string.IsNullOrWhiteSpace(title))
        {
            query.Add("title=" + Uri.EscapeDataString(title.Trim()));
        }
        return SendAsync<Page<Document>>(HttpMethod.Get, "documents/?" + string.Join('&', query), null, ct);
    }

    /// <summary>Every document the user reaches (sub-pages included), in tree order, optionally by title.</summary>
    public Task<ApiResult<Page<Document>>> ListAllAsync(string? title, CancellationToken ct = default) =>
        SendAsync<Page<Document>>(HttpMethod.Get, "documents/all/?page_size=50" + (string.IsNullOrWhiteSpace(title) ? "" : "&title=" + Uri.EscapeDataString(title.Trim())), null, ct);

    public Task<ApiResult<Document>> GetAsync(Guid id, CancellationToken ct = default) => SendAsync<Document>(HttpMethod.Get, $"documents/{id}/", null, ct);

    public Task<ApiResult<Document>> CreateAsync(string? title, CancellationToken ct = default) =>
        SendAsync<Document>(HttpMethod.Post, "documents/", new { title }, ct);

    public Task<ApiResult<Document>> CreateChildAsync(Guid parent, string? title, CancellationToken ct = default) =>
        SendAsync<Document>(HttpMethod.Post, $"documents/{parent}/children/", new { title }, ct);

    public Task<ApiResult<Document>> RenameAsync(Guid id, string title, CancellationToken ct = default) =>
        SendAsync<Document>(HttpMethod.Patch, $"documents/{id}/", new { title }, ct);

    public Task<ApiResult<Document>> DuplicateAsync(Guid id, bool withDescendants, bool withAccesses, CancellationToken ct = default) =>
        SendAsync<Document>(HttpMethod.Post, $"documents/{id}/duplicate/", new { with_descendants = withDescendants, with_accesses = withAccesses }, ct);

    public Task<ApiResult> LeaveAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"documents/{id}/leave/", null, ct);

    public Task<ApiResult> DeleteAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"documents/{id}/", null, ct);

    public Task<ApiResult<Document>> RestoreAsync(Guid id, CancellationToken ct = default) => SendAsync<Document>(HttpMethod.Post, $"documents/{id}/restore/", null, ct);

    public Task<ApiResult<Page<Document>>> TrashAsync(int page, CancellationToken ct = default) =>
        SendAsync<Page<Document>>(HttpMethod.Get, $"documents/trashbin/?page={page}", null, ct);

    public Task<ApiResult> PinAsync(Guid id, bool pinned, CancellationToken ct = default) =>
        SendAsync(pinned ? HttpMethod.Post : HttpMethod.Delete, $"documents/{id}/favorite/", null, ct);

    public Task<ApiResult<TreeNode>> TreeAsync(Guid id, CancellationToken ct = default) => SendAsync<TreeNode>(HttpMethod.Get, $"documents/{id}/tree/", null, ct);

    public Task<ApiResult<Page<Document>>> ChildrenAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<Page<Document>>(HttpMethod.Get, $"documents/{id}/children/?page_size=100", null, ct);

    public Task<ApiResult<Document>> MoveAsync(Guid id, Guid target, string position, CancellationToken ct = default) =>
        SendAsync<Document>(HttpMethod.Post, $"documents/{id}/move/", new { target_document_id = target, position }, ct);

    public Task<ApiResult<List<Access>>> AccessesAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<List<Access>>(HttpMethod.Get, $"documents/{id}/accesses/", null, ct);

    public Task<ApiResult<Access>> GrantAsync(Guid id, Guid userId, string role, CancellationToken ct = default) =>
        SendAsync<Access>(HttpMethod.Post, $"documents/{id}/accesses/", new { user_id = userId, role }, ct);

    public Task<ApiResult<Access>> ChangeRoleAsync(Guid id, Guid accessId, string role, CancellationToken ct = default) =>
        SendAsync<Access>(HttpMethod.Patch, $"documents/{id}/accesses/{accessId}/", new { role }, ct);

    public Task<ApiResult> RevokeAsync(Guid id, Guid accessId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"documents/{id}/accesses/{accessId}/", null, ct);

    public Task<ApiResult<List<Invitation>>> InvitationsAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<List<Invitation>>(HttpMethod.Get, $"documents/{id}/invitations/", null, ct);

    public Task<ApiResult<Invitation>> InviteAsync(Guid id, string email, string role, CancellationToken ct = default) =>
        SendAsync<Invitation>(HttpMethod.Post, $"documents/{id}/invitations/", new { email, role }, ct);

    public Task<ApiResult> CancelInvitationAsync(Guid id, Guid invitationId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"documents/{id}/invitations/{invitationId}/", null, ct);

    public Task<ApiResult<List<UserSummary>>> SearchUsersAsync(string q, CancellationToken ct = default) =>
        SendAsync<List<UserSummary>>(HttpMethod.Get, "users/?q=" + Uri.EscapeDataString(q), null, ct);

    public Task<ApiResult> ConfigureLinkAsync(Guid id, string reach, string role, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"documents/{id}/link-configuration/", new { link_reach = reach, link_role = role }, ct);

    /// <summary>Full-text search over what the user can read, best first.</summary>
    public Task<ApiResult<Page<SearchResult>>> SearchAsync(string q, int pageSize, CancellationToken ct = default) =>
        SendAsync<Page<SearchResult>>(HttpMethod.Get, $"documents/search/?q={Uri.EscapeDataString(q)}&page_size={pageSize}", null, ct);

    /// <summary>Asks the document's managers for a role (accepted whether or not the document exists).</summary>
    public Task<ApiResult> AskForAccessAsync(Guid id, string role, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"documents/{id}/ask-for-access/", new { role }, ct);

    public Task<ApiResult<List<AccessRequest>>> AccessRequestsAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<List<AccessRequest>>(HttpMethod.Get, $"documents/{id}/ask-for-access/", null, ct);

    public Task<ApiResult> AcceptAccessRequestAsync(Guid id, Guid requestId, string role, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"documents/{id}/ask-for-access/{requestId}/accept/", new { role }, ct);

    public Task<ApiResult> RefuseAccessRequestAsync(Guid id, Guid requestId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"documents/{id}/ask-for-access/{requestId}/", null, ct);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var (response, problem) = await SendCoreAsync(method, path, body, ct);
        if (response is null)
        {
            return new ApiResult<T>(default, HttpStatusCode.ServiceUnavailable, problem);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NoContent)
            {
                return new ApiResult<T>(default, response.StatusCode, await ProblemAsync(response, ct));
            }
            return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, ct), response.StatusCode, null);
        }
    }

    private async Task<ApiResult> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var (response, problem) = await SendCoreAsync(method, path, body, ct);
        if (response is null)
        {
            return new ApiResult(HttpStatusCode.ServiceUnavailable, problem);
        }
        using (response)
        {
            return new ApiResult(response.StatusCode, response.IsSuccessStatusCode ? null : await ProblemAsync(response, ct));
        }
    }

    /// <summary>A call whose body is not JSON (a file, as multipart), with the same token and problem handling as the others.</summary>
    internal Task<ApiResult<T>> SendContentAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct) =>
        SendAsync<T>(method, path, content, ct);

    private async Task<(HttpResponseMessage? Response, string? Problem)> SendCoreAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, "/api/v1.0/" + path);
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body, options: Json);
        }
        var token = await tokens.GetAccessTokenAsync(ct);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            return (await http.SendAsync(request, ct), null);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "The API could not be reached for {Method} {Path}", method, path);
            return (null, "The service cannot be reached right now.");
        }
    }

    private static async Task<string?> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            var root = problem.RootElement;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                var first = errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(e => e.GetString()).FirstOrDefault();
                if (first is not null)
                {
                    return first;
                }
            }
            return root.TryGetProperty("detail", out var detail) ? detail.GetString() : root.TryGetProperty("title", out var title) ? title.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
