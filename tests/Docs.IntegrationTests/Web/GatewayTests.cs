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

        await SignInAsync(browser, "bob");

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
        var token = await PageTokenAsync(browser);
        using (var created = await browser.PostJsonAsync(stack.Web("/api/v1.0/documents/"), new { title }, ("X-XSRF-TOKEN", token)))
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

    [Fact]
    public async Task The_antiforgery_token_is_taken_from_the_header_only_never_from_a_form_field()
    {
        using var browser = new Browser();
        await SignInAsync(browser, "alice");
        var token = await PageTokenAsync(browser);
        var title = "form " + Guid.NewGuid().ToString("N")[..8];

        // The token as a form field (what a page's own form would carry) does not stand in for the header:
        // refused before anything is read or forwarded, so the API never gets a truncated body.
        using (var posted = await browser.PostFormAsync(stack.Web("/api/v1.0/documents/"),
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["title"] = title }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
            Assert.Equal("application/problem+json", posted.Content.Headers.ContentType?.MediaType);
            Assert.Contains("X-XSRF-TOKEN", await posted.Content.ReadAsStringAsync());
        }
        using (var list = await browser.GetAsync(stack.Web("/api/v1.0/documents/?title=" + title)))
        {
            Assert.Equal(0, (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        }

        // With the header nothing is read here: the form goes to the API as sent, which answers for itself (JSON only).
        using var request = new HttpRequestMessage(HttpMethod.Post, stack.Web("/api/v1.0/documents/"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = title }),
        };
        request.Headers.Add("X-XSRF-TOKEN", token);
        using var forwarded = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, forwarded.StatusCode);
    }

    private async Task SignInAsync(Browser browser, string user)
    {
        using var form = await browser.FollowAsync(stack.Web("/login"));
        using var signedIn = await browser.SubmitSignInAsync(form, user, user);
        using (await browser.FollowAsync(Browser.Location(signedIn))) { }
    }

    /// <summary>The antiforgery token the UI's pages carry for their scripts.</summary>
    private async Task<string> PageTokenAsync(Browser browser)
    {
        using var page = await browser.GetAsync(stack.Web("/"));
        var token = WebUtility.HtmlDecode(XsrfMeta().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.NotEmpty(token);
        return token;
    }

    [GeneratedRegex("<meta name=\"docs-xsrf\" content=\"([^\"]+)\"")]
    private static partial Regex XsrfMeta();
}
