using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docs.IntegrationTests.SignIn;

namespace Docs.IntegrationTests.Web;

/// <summary>Docs.Web fronts the API for the browser: the session's token attached server-side, antiforgery on writes, strict headers.</summary>
[Collection(StackCollection.Name)]
public sealed partial class GatewayTests(StackFixture stack)
{
    [Fact]
    public async Task The_session_reaches_the_API_through_the_gateway_and_writes_need_the_antiforgery_token()
    {
        using var browser = new Browser();

        // Anonymous: the API answers as for anyone without a token.
        using (var anonymous = await browser.GetAsync(stack.Web("/api/v1.0/users/me/")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var form = await browser.FollowAsync(stack.Web("/login"));
        using var signedIn = await browser.SubmitSignInAsync(form, "bob", "bob");
        using (await browser.FollowAsync(Browser.Location(signedIn))) { }

        // Signed in: the gateway attaches the access token; the browser never had one.
        using (var me = await browser.GetAsync(stack.Web("/api/v1.0/users/me/")))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Equal("bob@docs.localhost", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
        }

        // A write with the session cookie but without the page's token (what a cross-site form could send) is refused, and nothing is created.
        var title = "gateway " + Guid.NewGuid().ToString("N")[..8];
        using (var forged = await browser.PostJsonAsync(stack.Web("/api/v1.0/documents/"), new { title }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
            Assert.Contains("X-XSRF-TOKEN", await forged.Content.ReadAsStringAsync());
        }
        using (var list = await browser.GetAsync(stack.Web("/api/v1.0/documents/?title=" + title)))
        {
            Assert.Equal(0, (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        }

        // With the token the page carries, the write goes through as bob.
        using var page = await browser.GetAsync(stack.Web("/"));
        var token = XsrfMeta().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(token);
        using (var created = await browser.PostJsonAsync(stack.Web("/api/v1.0/documents/"), new { title }, ("X-XSRF-TOKEN", WebUtility.HtmlDecode(token))))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created,
                $"{created.StatusCode}: {await created.Content.ReadAsStringAsync()}\n{string.Join('\n', stack.App.Logs.Of("web").TakeLast(30))}\n{string.Join('\n', stack.App.Logs.Of("api").TakeLast(30))}");
            var document = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("owner", document.GetProperty("user_role").GetString());
        }
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_cannot_be_framed()
    {
        using var client = stack.App.CreateHttpClient("web");
        using var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        // No inline script (the policy would block it): every script comes from this origin.
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(new Regex("<script(?![^>]*\\bsrc=)[^>]*>"), html);
    }

    [Fact]
    public async Task French_is_served_to_whoever_chose_it()
    {
        using var browser = new Browser();
        using (var chosen = await browser.GetAsync(stack.Web("/language/fr?returnUrl=%2Ftrash")))
        {
            Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
            Assert.Equal("/trash", chosen.Headers.Location!.OriginalString);
        }
        using var page = await browser.GetAsync(stack.Web("/"));
        Assert.Contains("<html lang=\"fr\"", await page.Content.ReadAsStringAsync());
        using var elsewhere = await browser.GetAsync(stack.Web("/language/fr?returnUrl=https%3A%2F%2Fevil.example%2F"));
        Assert.Equal("/", elsewhere.Headers.Location!.OriginalString);
        using var unknown = await browser.GetAsync(stack.Web("/language/xx"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls.All), MemberType = typeof(HostileReturnUrls))]
    public async Task The_language_switch_never_redirects_off_site(string returnUrl)
    {
        using var browser = new Browser();
        using var chosen = await browser.GetAsync(stack.Web("/language/fr?returnUrl=" + Uri.EscapeDataString(returnUrl)));

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/", HostileReturnUrls.RawLocation(chosen));
    }

    [GeneratedRegex("<meta name=\"docs-xsrf\" content=\"([^\"]+)\"")]
    private static partial Regex XsrfMeta();
}
