using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Docs.IntegrationTests.SignIn;

/// <summary>Docs.Identity as an OpenID Connect provider with Keycloak's layout: discovery, code + PKCE, refresh, logout, the form.</summary>
[Collection(StackCollection.Name)]
public sealed class ProviderTests(StackFixture stack)
{
    private readonly IdentityProvider _provider = new(stack.App);

    [Fact]
    public async Task Discovery_follows_keycloaks_layout()
    {
        var discovery = await IdentityProvider.GetJsonAsync(_provider.Endpoint(".well-known/openid-configuration"));

        Assert.Equal(_provider.Issuer.ToString(), discovery.GetProperty("issuer").GetString());
        Assert.EndsWith("/realms/impress", discovery.GetProperty("issuer").GetString());
        foreach (var (name, path) in new[]
        {
            ("authorization_endpoint", "auth"), ("token_endpoint", "token"), ("userinfo_endpoint", "userinfo"),
            ("end_session_endpoint", "logout"), ("jwks_uri", "certs"),
        })
        {
            Assert.Equal($"{_provider.Issuer}/protocol/openid-connect/{path}", discovery.GetProperty(name).GetString());
        }
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));

        var jwks = await IdentityProvider.GetJsonAsync(new Uri(discovery.GetProperty("jwks_uri").GetString()!));
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal(_provider.LoadSigningKey().KeyId, key.GetProperty("kid").GetString());
    }

    [Fact]
    public void Signing_keys_are_persisted_owner_only()
    {
        foreach (var file in new[] { "signing-key.pem", "encryption-key" })
        {
            var mode = File.GetUnixFileMode(Path.Combine(_provider.KeyDirectory, file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        }
    }

    [Fact]
    public async Task Code_flow_with_pkce_gives_tokens_the_api_accepts_then_refresh_then_logout_revokes()
    {
        using var browser = new Browser();
        var (url, verifier, state) = _provider.AuthorizationRequest();

        // Not signed in: the provider shows its form, then sends the browser back to the client with a code.
        using var form = await browser.FollowAsync(url);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Sign in to Docs", await form.Content.ReadAsStringAsync());
        using var signedIn = await browser.SubmitSignInAsync(form, "alice", "alice");
        using var callback = await browser.FollowAsync(Browser.Location(signedIn), next => next.Host != _provider.WebRedirectUri.Host || next.Port != _provider.WebRedirectUri.Port);
        var redirect = Browser.Location(callback);
        Assert.Equal(_provider.WebRedirectUri.AbsolutePath, redirect.AbsolutePath);
        var query = QueryHelpers.ParseQuery(redirect.Query);
        Assert.Equal(state, query["state"].ToString());
        var code = query["code"].ToString();

        var tokens = await _provider.RedeemCodeAsync(code, verifier);
        Assert.Equal(200, tokens.Status);

        using var api = new ApiClient(stack.App, tokens.AccessToken);
        var me = await api.GetJsonAsync("/api/v1.0/users/me/");
        Assert.Equal("alice@docs.localhost", me.GetProperty("email").GetString());
        Assert.Equal("Alice Martin", me.GetProperty("full_name").GetString());

        var refreshed = await _provider.RefreshAsync(tokens.RefreshToken, IdentityProvider.WebClientId, _provider.WebClientSecret);
        Assert.Equal(200, refreshed.Status);
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);
        using var apiAfterRefresh = new ApiClient(stack.App, refreshed.AccessToken);
        Assert.Equal(me.GetProperty("id").GetString(), (await apiAfterRefresh.GetJsonAsync("/api/v1.0/users/me/")).GetProperty("id").GetString());

        // Signed in already: a new authorization request goes straight back with a code (single sign-on).
        using var again = await browser.FollowAsync(_provider.AuthorizationRequest().Url, next => next.Port != _provider.WebRedirectUri.Port);
        Assert.Contains("code=", Browser.Location(again).Query);

        // Logout ends the provider session, sends the browser to the registered post-logout URI and revokes the session's refresh tokens.
        var postLogout = stack.Web("/signout-callback-oidc");
        var logoutUrl = QueryHelpers.AddQueryString(_provider.Endpoint("protocol/openid-connect/logout").ToString(), new Dictionary<string, string?>
        {
            ["id_token_hint"] = refreshed.IdToken,
            ["post_logout_redirect_uri"] = postLogout.ToString(),
            ["state"] = "bye",
        });
        using var loggedOut = await browser.FollowAsync(new Uri(logoutUrl), next => next.Port != postLogout.Port);
        Assert.Equal(postLogout.AbsolutePath, Browser.Location(loggedOut).AbsolutePath);
        var afterLogout = await _provider.RefreshAsync(refreshed.RefreshToken, IdentityProvider.WebClientId, _provider.WebClientSecret);
        Assert.Equal("invalid_grant", afterLogout.Error);
        using var needsSignIn = await browser.FollowAsync(_provider.AuthorizationRequest().Url);
        Assert.Contains("Sign in to Docs", await needsSignIn.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_code_needs_its_pkce_verifier_and_is_single_use_a_replay_revokes_what_it_gave()
    {
        using var browser = new Browser();
        var (url, verifier, _) = _provider.AuthorizationRequest();
        using var form = await browser.FollowAsync(url);
        using var signedIn = await browser.SubmitSignInAsync(form, "bob", "bob");
        using var callback = await browser.FollowAsync(Browser.Location(signedIn), next => next.Port != _provider.WebRedirectUri.Port);
        var code = QueryHelpers.ParseQuery(Browser.Location(callback).Query)["code"].ToString();

        var withoutVerifier = await _provider.RedeemCodeAsync(code, verifier: null);
        var wrongVerifier = await _provider.RedeemCodeAsync(code, verifier: new string('x', 43));
        Assert.Equal(400, withoutVerifier.Status);
        Assert.Equal(400, wrongVerifier.Status);
        Assert.False(wrongVerifier.Body.TryGetProperty("access_token", out _));

        var tokens = await _provider.RedeemCodeAsync(code, verifier);
        Assert.Equal(200, tokens.Status);
        var replay = await _provider.RedeemCodeAsync(code, verifier);
        Assert.Equal("invalid_grant", replay.Error);
        // A replayed code means it leaked: the tokens it gave are revoked (RFC 6749 §4.1.2).
        var refresh = await _provider.RefreshAsync(tokens.RefreshToken, IdentityProvider.WebClientId, _provider.WebClientSecret);
        Assert.Equal("invalid_grant", refresh.Error);
    }

    [Fact]
    public async Task Wrong_credentials_get_a_clear_message_and_repeated_failures_lock_the_account_for_a_while()
    {
        using var browser = new Browser();
        using var form = await browser.FollowAsync(_provider.AuthorizationRequest().Url);
        using var wrong = await browser.SubmitSignInAsync(form, "carol", "not-her-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var html = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("Invalid user name or password.", html);
        Assert.Contains("value=\"carol\"", html); // the user name is kept, the password is not

        HttpResponseMessage last = wrong;
        for (var attempt = 2; attempt <= 5; attempt++)
        {
            last = await browser.SubmitSignInAsync(last, "carol", "still-wrong");
        }
        // Locked: even the right password waits, on the form and on the password grant alike.
        using var locked = await browser.SubmitSignInAsync(last, "carol", "carol");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many failed attempts", await locked.Content.ReadAsStringAsync());
        var grant = await _provider.PasswordGrantAsync("carol", "carol");
        Assert.Equal("invalid_grant", grant.Error);
        Assert.Contains("Too many failed attempts", grant.Body.GetProperty("error_description").GetString());

        // Other accounts are not affected.
        Assert.Equal(200, (await _provider.PasswordGrantAsync("bob", "bob")).Status);
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_post_without_its_antiforgery_token_and_never_redirects_off_site()
    {
        using var browser = new Browser();
        var login = _provider.Endpoint("login");
        using var forged = await browser.PostFormAsync(login, new Dictionary<string, string>
        {
            ["username"] = "alice", ["password"] = "alice", ["returnUrl"] = "/",
        });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var form = await browser.GetAsync(new Uri(login + "?ReturnUrl=" + Uri.EscapeDataString("//evil.example/steal")));
        var fields = Browser.HiddenInputs(await form.Content.ReadAsStringAsync());
        Assert.Equal("/", fields["returnUrl"]);
    }

    [Theory]
    [MemberData(nameof(HostileReturnUrls.All), MemberType = typeof(HostileReturnUrls))]
    public async Task The_sign_in_form_sends_a_hostile_return_address_home(string returnUrl)
    {
        using var browser = new Browser();
        var login = _provider.Endpoint("login");

        // Given in the link: the form keeps only "/".
        using var form = await browser.GetAsync(new Uri(login + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        Assert.Equal("/", Browser.HiddenInputs(await form.Content.ReadAsStringAsync())["returnUrl"]);

        // Put back into the posted form: signing in still ends at "/" of the provider, not a 500.
        var fields = Browser.HiddenInputs(await form.Content.ReadAsStringAsync());
        fields["returnUrl"] = returnUrl;
        fields["username"] = "bob";
        fields["password"] = "bob";
        using var signedIn = await browser.PostFormAsync(login, fields);
        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
        Assert.Equal("/", HostileReturnUrls.RawLocation(signedIn));
    }

    [Fact]
    public async Task Password_grant_tokens_carry_keycloaks_claims()
    {
        var tokens = await _provider.PasswordGrantAsync("bob", "bob");
        var payload = JwtPayload(tokens.AccessToken);

        Assert.Equal(_provider.Issuer.ToString(), payload.GetProperty("iss").GetString());
        Assert.Equal(IdentityProvider.Audience, payload.GetProperty("aud").GetString());
        Assert.Equal("bob", payload.GetProperty("preferred_username").GetString());
        Assert.Equal("Bob Dupont", payload.GetProperty("name").GetString());
        Assert.Equal("bob@docs.localhost", payload.GetProperty("email").GetString());
        Assert.True(Guid.TryParse(payload.GetProperty("sub").GetString(), out _));
    }

    internal static JsonElement JwtPayload(string jwt) =>
        JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(jwt.Split('.')[1])).RootElement;
}
