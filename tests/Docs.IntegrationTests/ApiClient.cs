using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Docs.Testing;

namespace Docs.IntegrationTests;

/// <summary>Docs.Api over HTTP, as a caller with (or without) a bearer token.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(TestingApplication app, string? accessToken = null)
    {
        _http = app.CreateHttpClient("api");
        if (accessToken is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
    }

    public HttpClient Http => _http;

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, object? body = null) =>
        _http.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) });

    public void Dispose() => _http.Dispose();
}
