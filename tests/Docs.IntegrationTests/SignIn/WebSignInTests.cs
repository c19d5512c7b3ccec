using System.Net;
using System.Text.Json;
using StackExchange.Redis;

namespace Docs.IntegrationTests.SignIn;

/// <summary>Docs.Web signs people in through the provider, keeps the session in Redis, refreshes tokens and signs out at the provider.</summary>
[Collection(StackCollection.Name)]
public sealed class WebSignInTests(StackFixture stack)
{
    [Fact]
    public async Task Sign_in_refresh_and_sign_out_through_the_web_front()
    {
        using var browser = new Browser();

        // Anonymous: the session endpoint says 401 (as a problem), the home page is still served.
        using (var anonymous = await browser.GetAsync(stack.Web("/auth/me")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        using (var home = await browser.GetAsync(stack.Web("/")))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        // /login → provider (code + PKCE) → form → back to /signin-oidc → the page asked for.
        using var form = await browser.FollowAsync(stack.Web("/login?returnUrl=%2Fauth%2Fme"));
        Assert.Contains("Sign in to Docs", await form.Content.ReadAsStringAsync());
        var authorizeUrl = form.RequestMessage!.RequestUri!;
        using var signedIn = await browser.SubmitSignInAsync(form, "alice", "alice");
        using var landed = await browser.FollowAsync(Browser.Location(signedIn));
        Assert.Equal("/auth/me", landed.RequestMessage!.RequestUri!.AbsolutePath);
        var me = JsonDocument.Parse(await landed.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Alice Martin", me.GetProperty("name").GetString());
        Assert.Equal("alice@docs.localhost", me.GetProperty("email").GetString());
        Assert.Contains("code_challenge=", Uri.UnescapeDataString(authorizeUrl.Query));

        // The browser holds only a session key: no token in any cookie.
        var cookies = browser.Cookies.GetAllCookies();
        Assert.Contains(cookies, c => c.Name == "docs.session");
        Assert.All(cookies, c => Assert.DoesNotContain("eyJ", c.Value));
        var redis = await ConnectionMultiplexer.ConnectAsync(stack.App.GetConnectionString("redis"));
        await using (redis)
        {
            var server = redis.GetServers()[0];
            Assert.NotEmpty(server.Keys(pattern: "docs:web:session:*"));
            Assert.True(await redis.GetDatabase().KeyExistsAsync("docs:web:data-protection-keys"));
        }

        // The access token is refreshed before it expires (this stack refreshes when less than 4:58 of 5:00 is left).
        var firstExpiry = me.GetProperty("access_token_expires_at").GetDateTimeOffset();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        using (var later = await browser.GetAsync(stack.Web("/auth/me")))
        {
            var refreshed = JsonDocument.Parse(await later.Content.ReadAsStringAsync()).RootElement;
            Assert.True(refreshed.GetProperty("access_token_expires_at").GetDateTimeOffset() > firstExpiry.AddSeconds(1));
        }

        // Sign out: a form post with its antiforgery token, then the provider's end-session, then home.
        using (var forged = await browser.PostFormAsync(stack.Web("/logout"), new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        using var confirm = await browser.GetAsync(stack.Web("/logout"));
        using var posted = await browser.PostFormAsync(stack.Web("/logout"), Browser.HiddenInputs(await confirm.Content.ReadAsStringAsync()));
        Assert.Equal("/realms/impress/protocol/openid-connect/logout", Browser.Location(posted).AbsolutePath);
        using var home2 = await browser.FollowAsync(Browser.Location(posted));
        Assert.Equal("/", home2.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(stack.App.GetEndpoint("web").Port, home2.RequestMessage.RequestUri.Port);
        using (var after = await browser.GetAsync(stack.Web("/auth/me")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }
        // The provider session ended too: signing in again asks for the password.
        using var again = await browser.FollowAsync(stack.Web("/login"));
        Assert.Contains("Sign in to Docs", await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls.All), MemberType = typeof(HostileReturnUrls))]
    public async Task Login_never_redirects_off_site(string returnUrl)
    {
        using var browser = new Browser();
        using var form = await browser.FollowAsync(stack.Web("/login?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        using var signedIn = await browser.SubmitSignInAsync(form, "bob", "bob");

        // Up to the web front's callback, which redirects to the return address kept since /login.
        var web = stack.Web("/");
        using var callback = await browser.FollowAsync(Browser.Location(signedIn),
            next => next.Authority != web.Authority || next.AbsolutePath == "/signin-oidc");

        Assert.Equal("/signin-oidc", callback.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Found, callback.StatusCode);
        Assert.Equal("/", HostileReturnUrls.RawLocation(callback));
    }
}
