using System.Text.Json;

namespace Docs.AppHost.Tests;

/// <summary>The Keycloak realm of <c>deploy/keycloak/</c> says what the services expect of a real provider.</summary>
public sealed class KeycloakRealmTests
{
    private static JsonElement Realm()
    {
        var path = Path.Combine(Docs.Testing.RepositoryPaths.Root, "deploy", "keycloak", "realm-impress.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    [Fact]
    public void The_realm_and_its_web_client_match_what_docs_web_and_docs_api_use()
    {
        var realm = Realm();
        Assert.Equal(SignIn.Realm, realm.GetProperty("realm").GetString());
        Assert.True(realm.GetProperty("bruteForceProtected").GetBoolean());

        var client = Assert.Single(realm.GetProperty("clients").EnumerateArray(), c => c.GetProperty("clientId").GetString() == SignIn.WebClientId);
        Assert.False(client.GetProperty("publicClient").GetBoolean());
        Assert.False(client.GetProperty("implicitFlowEnabled").GetBoolean());
        Assert.False(client.GetProperty("directAccessGrantsEnabled").GetBoolean());
        Assert.Equal(["${DOCS_BASE_URL}/signin-oidc"], client.GetProperty("redirectUris").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["${DOCS_BASE_URL}"], client.GetProperty("webOrigins").EnumerateArray().Select(e => e.GetString()));
        var attributes = client.GetProperty("attributes");
        Assert.Equal("S256", attributes.GetProperty("pkce.code.challenge.method").GetString());
        Assert.Equal("${DOCS_BASE_URL}/signout-callback-oidc", attributes.GetProperty("post.logout.redirect.uris").GetString());
        // The secret is never in the file: Keycloak substitutes it from the environment at import.
        Assert.Equal("${DOCS_OIDC_CLIENT_SECRET}", client.GetProperty("secret").GetString());

        var audience = Assert.Single(client.GetProperty("protocolMappers").EnumerateArray(), m => m.GetProperty("protocolMapper").GetString() == "oidc-audience-mapper");
        Assert.Equal(SignIn.ApiAudience, audience.GetProperty("config").GetProperty("included.custom.audience").GetString());
        Assert.Equal("true", audience.GetProperty("config").GetProperty("access.token.claim").GetString());
        Assert.Contains("offline_access", client.GetProperty("optionalClientScopes").EnumerateArray().Select(e => e.GetString()));
    }
}
