using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Docs.IntegrationTests;

/// <summary>A signed-in user of the API in a test, with shorthands for the calls tests make most.</summary>
public sealed record Person(Guid Id, string Email, ApiClient Api)
{
    public async Task<JsonElement> CreateDocumentAsync(string title, Guid? parent = null)
    {
        var path = parent is null ? "/api/v1.0/documents/" : $"/api/v1.0/documents/{parent}/children/";
        using var response = await Api.SendJsonAsync(HttpMethod.Post, path, new { title });
        return await ExpectAsync(response, HttpStatusCode.Created);
    }

    public async Task<Guid> CreateAsync(string title, Guid? parent = null) =>
        (await CreateDocumentAsync(title, parent)).GetProperty("id").GetGuid();

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null) =>
        await Api.SendJsonAsync(method, path, body);

    public async Task<JsonElement> GetAsync(string path) => await Api.GetJsonAsync(path);

    public async Task<HttpStatusCode> StatusAsync(HttpMethod method, string path, object? body = null)
    {
        using var response = await Api.SendJsonAsync(method, path, body);
        return response.StatusCode;
    }

    public async Task GrantAsync(Guid document, Person to, string role)
    {
        using var response = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1.0/documents/{document}/accesses/", new { user_id = to.Id, role });
        await ExpectAsync(response, HttpStatusCode.Created);
    }

    public static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ExpectAsync(response, status);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
