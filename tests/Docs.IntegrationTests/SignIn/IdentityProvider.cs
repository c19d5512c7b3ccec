using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Docs.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Docs.IntegrationTests.SignIn;

/// <summary>The test's view of Docs.Identity: its URLs, tokens for development users, and tokens minted with its own key.</summary>
public sealed class IdentityProvider(TestingApplication app)
{
    public const string WebClientId = "impress";
    public const string DevClientId = "docs-dev";
    public const string Audience = "docs-api";

    public Uri Issuer { get; } = new(app.GetEndpoint("identity"), "/realms/impress");

    public Uri Endpoint(string path) => new($"{Issuer}/{path}");

    public Uri TokenEndpoint => Endpoint("protocol/openid-connect/token");

    public Uri WebRedirectUri => new(app.GetEndpoint("web"), "/signin-oidc");

    public string WebClientSecret => app.Parameter("oidc-client-secret");

    public string KeyDirectory => DevTokens.KeyDirectory(app);

    /// <summary>Tokens for a development user by the password grant (the documented way for scripts).</summary>
    public async Task<TokenResponse> PasswordGrantAsync(string userName, string password, string scope = "openid profile email offline_access")
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = DevClientId,
            ["username"] = userName,
            ["password"] = password,
            ["scope"] = scope,
        }));
        return await TokenResponse.ReadAsync(response);
    }

    public async Task<TokenResponse> RefreshAsync(string refreshToken, string clientId = DevClientId, string? clientSecret = null)
    {
        using var http = new HttpClient();
        var fields = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = clientId };
        if (clientSecret is not null)
        {
            fields["client_secret"] = clientSecret;
        }
        using var response = await http.PostAsync(TokenEndpoint, new FormUrlEncodedContent(fields));
        return await TokenResponse.ReadAsync(response);
    }

    /// <summary>An authorization request of the web client with PKCE; returns its URL and the verifier.</summary>
    public (Uri Url, string Verifier, string State) AuthorizationRequest(string scope = "openid profile email offline_access")
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        var url = QueryHelpers.AddQueryString(Endpoint("protocol/openid-connect/auth").ToString(), new Dictionary<string, string?>
        {
            ["client_id"] = WebClientId,
            ["redirect_uri"] = WebRedirectUri.ToString(),
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = state,
            ["nonce"] = Guid.NewGuid().ToString("N"),
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        return (new Uri(url), verifier, state);
    }

    public async Task<TokenResponse> RedeemCodeAsync(string code, string? verifier)
    {
        using var http = new HttpClient();
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = WebRedirectUri.ToString(),
            ["client_id"] = WebClientId,
            ["client_secret"] = WebClientSecret,
        };
        if (verifier is not null)
        {
            fields["code_verifier"] = verifier;
        }
        using var response = await http.PostAsync(TokenEndpoint, new FormUrlEncodedContent(fields));
        return await TokenResponse.ReadAsync(response);
    }

    /// <summary>A JWT signed with the provider's own persisted key: for claims the provider would never issue (expired, other audience...).</summary>
    public string Mint(IDictionary<string, object> claims, DateTime? expires = null, string? issuer = null, string? audience = null, SecurityKey? key = null) =>
        DevTokens.Mint(app, claims, expires, issuer, audience, key);

    public RsaSecurityKey LoadSigningKey() => DevTokens.LoadSigningKey(app);

    public static async Task<JsonElement> GetJsonAsync(Uri url)
    {
        using var http = new HttpClient();
        return await http.GetFromJsonAsync<JsonElement>(url);
    }
}

public sealed record TokenResponse(int Status, JsonElement Body)
{
    public string AccessToken => Body.GetProperty("access_token").GetString()!;

    public string RefreshToken => Body.GetProperty("refresh_token").GetString()!;

    public string IdToken => Body.GetProperty("id_token").GetString()!;

    public string? Error => Body.TryGetProperty("error", out var error) ? error.GetString() : null;

    public static async Task<TokenResponse> ReadAsync(HttpResponseMessage response) =>
        new((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
}
