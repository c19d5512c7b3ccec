using System.Net;
using System.Text.RegularExpressions;

namespace Docs.IntegrationTests.SignIn;

/// <summary>
/// An HTTP client that keeps cookies like a browser and lets the test follow redirects one at a time,
/// and fill in the provider's sign-in form.
/// </summary>
public sealed partial class Browser : IDisposable
{
    private readonly HttpClient _client;

    public Browser()
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true });
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(Uri url) => _client.GetAsync(url);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _client.SendAsync(request);

    public async Task<HttpResponseMessage> PostJsonAsync(Uri url, object body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        return await _client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostFormAsync(Uri url, IDictionary<string, string> fields) =>
        _client.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>Follows redirects from <paramref name="url"/> while <paramref name="follow"/> accepts the next location; returns the last response.</summary>
    public async Task<HttpResponseMessage> FollowAsync(Uri url, Func<Uri, bool>? follow = null)
    {
        var response = await GetAsync(url);
        while (IsRedirect(response) && (follow is null || follow(Location(response))))
        {
            var next = Location(response);
            response.Dispose();
            response = await GetAsync(next);
        }
        return response;
    }

    /// <summary>Posts the sign-in form of the page in <paramref name="page"/> with these credentials.</summary>
    public async Task<HttpResponseMessage> SubmitSignInAsync(HttpResponseMessage page, string userName, string password)
    {
        var html = await page.Content.ReadAsStringAsync();
        var action = new Uri(page.RequestMessage!.RequestUri!, WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value));
        var fields = HiddenInputs(html);
        fields["username"] = userName;
        fields["password"] = password;
        return await PostFormAsync(action, fields);
    }

    public static Dictionary<string, string> HiddenInputs(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    public static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode is >= 300 and < 400;

    public static Uri Location(HttpResponseMessage response) =>
        new(response.RequestMessage!.RequestUri!, response.Headers.Location!);

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
