using Docs.Hosting;
using Microsoft.Extensions.Configuration;

namespace Docs.AppHost;

/// <summary>
/// Who signs people in: Keycloak (or any OpenID Connect provider) when <c>Identity:Authority</c> is
/// configured, otherwise Docs.Identity, the development provider with Keycloak's URL layout.
/// </summary>
public sealed class SignIn
{
    public const string Realm = "impress";
    public const string WebClientId = "impress";
    public const string ApiAudience = "docs-api";
    /// <summary>Public client allowed the password grant, so tests and scripts get tokens without a browser.</summary>
    public const string DevClientId = "docs-dev";

    private readonly string? _externalAuthority;

    private SignIn(string? externalAuthority, IResourceBuilder<ProjectResource>? provider, IResourceBuilder<ParameterResource> clientSecret)
    {
        _externalAuthority = externalAuthority;
        Provider = provider;
        ClientSecret = clientSecret;
    }

    /// <summary>Docs.Identity, when it runs.</summary>
    public IResourceBuilder<ProjectResource>? Provider { get; }

    public IResourceBuilder<ParameterResource> ClientSecret { get; }

    public static SignIn Add(IDistributedApplicationBuilder builder, IResourceBuilder<PostgresServerResource> postgres)
    {
        var authority = builder.Configuration["Identity:Authority"];
        var clientSecret = builder.AddParameter("oidc-client-secret", secret: true, generated: string.IsNullOrWhiteSpace(authority));
        if (!string.IsNullOrWhiteSpace(authority))
        {
            return new SignIn(authority.TrimEnd('/'), provider: null, clientSecret);
        }

        var identitydb = postgres.AddDatabase("identitydb", databaseName: "identity");
        var provider = builder.AddProject<Projects.Docs_Identity>("identity")
            .WithHttpEndpoint(port: builder.Configuration.GetValue("identity:Port", 8083))
            .WithReference(identitydb).WaitFor(identitydb)
            .WithEnvironment("Identity__Realm", Realm)
            .WithEnvironment("Identity__Audience", ApiAudience)
            .WithEnvironment("Identity__KeyDirectory", Path.Combine(builder.Options.DataDirectory, "identity"))
            .WithDevUsers(builder.Configuration.GetSection("DevUsers"))
            .WithEnvironment("Identity__Clients__1__ClientId", DevClientId)
            .WithEnvironment("Identity__Clients__1__AllowPasswordGrant", "true");
        provider.WithEnvironment("Identity__Issuer", provider.Resource.HttpEndpoint, $"/realms/{Realm}");
        return new SignIn(externalAuthority: null, provider, clientSecret);
    }

    /// <summary>The issuer URL, as services validate it.</summary>
    public string Authority => _externalAuthority ?? $"{Provider!.Resource.HttpEndpoint.UrlString}/realms/{Realm}";

    /// <summary>A resource server: validates bearer tokens of this authority for the API's audience.</summary>
    public IResourceBuilder<ProjectResource> ValidatesTokens(IResourceBuilder<ProjectResource> service)
    {
        service.WithEnvironment("Identity__Authority", () => Authority)
            .WithEnvironment("Identity__Audience", ApiAudience)
            // Plain HTTP is only ever the development provider (or a local Keycloak).
            .WithEnvironment("Identity__RequireHttpsMetadata", () => Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "true" : "false");
        if (Provider is not null)
        {
            service.WaitFor(Provider);
        }
        return service;
    }

    /// <summary>The web front: signs users in as the confidential client <c>impress</c>, with redirect URIs on its own origin.</summary>
    public IResourceBuilder<ProjectResource> SignsUsersIn(IResourceBuilder<ProjectResource> web)
    {
        ValidatesTokens(web)
            .WithEnvironment("Identity__ClientId", WebClientId)
            .WithEnvironment("Identity__ClientSecret", ClientSecret);
        if (Provider is not null)
        {
            var origin = web.Resource.HttpEndpoint;
            Provider.WithEnvironment("Identity__Clients__0__ClientId", WebClientId)
                .WithEnvironment("Identity__Clients__0__ClientSecret", ClientSecret)
                .WithEnvironment("Identity__Clients__0__DisplayName", "Docs")
                .WithEnvironment("Identity__Clients__0__RedirectUris__0", origin, "/signin-oidc")
                .WithEnvironment("Identity__Clients__0__PostLogoutRedirectUris__0", origin, "/signout-callback-oidc");
        }
        return web;
    }
}
