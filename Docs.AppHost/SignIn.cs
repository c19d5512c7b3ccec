using Docs.Hosting;
using Microsoft.Extensions.Configuration;

namespace Docs.AppHost;

/// <summary>
/// Who signs people in: the OpenID Connect provider at <c>Identity:Authority</c> when configured;
/// otherwise Docs.Identity (the development provider with Keycloak's URL layout) when running, and
/// Keycloak with the realm of <c>deploy/keycloak/</c> when published.
/// </summary>
public sealed class SignIn
{
    public const string Realm = "impress";
    public const string WebClientId = "impress";
    public const string ApiAudience = "docs-api";
    /// <summary>Public client allowed the password grant, so tests and scripts get tokens without a browser.</summary>
    public const string DevClientId = "docs-dev";

    public const string KeycloakImage = "quay.io/keycloak/keycloak:26.0";

    private readonly IConfiguration _configuration;

    private SignIn(IConfiguration configuration, ReferenceExpression authority, IResourceBuilder<ParameterResource> clientSecret)
    {
        _configuration = configuration;
        Authority = authority;
        ClientSecret = clientSecret;
    }

    /// <summary>Docs.Identity, when it runs.</summary>
    public IResourceBuilder<ProjectResource>? Provider { get; private init; }

    /// <summary>Keycloak, when published without an external authority.</summary>
    public IResourceBuilder<ContainerResource>? Keycloak { get; private init; }

    public IResourceBuilder<ParameterResource> ClientSecret { get; }

    public static SignIn Add(IDistributedApplicationBuilder builder, IResourceBuilder<PostgresServerResource> postgres)
    {
        var authority = builder.Configuration["Identity:Authority"];
        var clientSecret = builder.AddParameter("oidc-client-secret", secret: true, generated: string.IsNullOrWhiteSpace(authority));
        if (!string.IsNullOrWhiteSpace(authority))
        {
            return new SignIn(builder.Configuration, authority.TrimEnd('/'), clientSecret);
        }
        if (builder.ExecutionContext.IsPublishMode)
        {
            return AddKeycloak(builder, postgres, clientSecret);
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
        return new SignIn(builder.Configuration, ReferenceExpression.Create($"{provider.Resource.HttpEndpoint}/realms/{Realm}"), clientSecret)
        {
            Provider = provider,
        };
    }

    /// <summary>
    /// Keycloak on its own public URL (<c>Publish:Urls:keycloak</c>), its data in a <c>keycloak</c> database of
    /// the same server, importing the realm (client, audience mapper, brute-force protection) at start.
    /// </summary>
    private static SignIn AddKeycloak(IDistributedApplicationBuilder builder, IResourceBuilder<PostgresServerResource> postgres, IResourceBuilder<ParameterResource> clientSecret)
    {
        var keycloakdb = postgres.AddDatabase("keycloakdb", databaseName: "keycloak");
        var adminPassword = builder.AddParameter("keycloak-admin-password", secret: true, generated: true);
        var server = postgres.Resource;
        var keycloak = builder.AddContainer("keycloak", KeycloakImage)
            .WithHttpEndpoint(targetPort: 8080, port: builder.Configuration.GetValue("identity:Port", 8083))
            .WithArgs("start", "--import-realm")
            .WithMount("../deploy/keycloak", "/opt/keycloak/data/import")
            .WithHealthProbes("/health/ready", "/health/live", port: 9000)
            .WaitFor(keycloakdb)
            .WithEnvironment("KC_DB", "postgres")
            .WithEnvironment("KC_DB_URL", ReferenceExpression.Create(
                $"jdbc:postgresql://{server.Endpoint.Property(EndpointProperty.Host)}:{server.Endpoint.Property(EndpointProperty.Port)}/{keycloakdb.Resource.DatabaseName}"))
            .WithEnvironment("KC_DB_USERNAME", PostgresServerResource.UserName)
            .WithEnvironment("KC_DB_PASSWORD", ReferenceExpression.Create($"{server.Password}"))
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)
            // TLS ends at the Ingress; Keycloak builds its URLs from the public one.
            .WithEnvironment("KC_HTTP_ENABLED", "true")
            .WithEnvironment("KC_PROXY_HEADERS", "xforwarded")
            .WithEnvironment("KC_HEALTH_ENABLED", "true")
            .WithEnvironment("DOCS_OIDC_CLIENT_SECRET", clientSecret)
            .WithExternalHttpEndpoints();
        keycloak.WithEnvironment("KC_HOSTNAME", ReferenceExpression.Create($"{keycloak.Resource.HttpEndpoint}"));
        return new SignIn(builder.Configuration, ReferenceExpression.Create($"{keycloak.Resource.HttpEndpoint}/realms/{Realm}"), clientSecret)
        {
            Keycloak = keycloak,
        };
    }

    /// <summary>The issuer URL, as services validate it.</summary>
    public ReferenceExpression Authority { get; }

    /// <summary>Whether the issuer is on HTTPS: the development provider is not; a published Keycloak is unless its public URL says otherwise.</summary>
    private bool AuthorityIsHttps => Keycloak is not null
        ? Docs.Hosting.Publishing.PublicUrls.Of(_configuration, Keycloak.Resource.HttpEndpoint).Scheme == Uri.UriSchemeHttps
        : Authority.Parts is [LiteralPart literal] && literal.Text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A resource server: validates bearer tokens of this authority for the API's audience.</summary>
    public IResourceBuilder<ProjectResource> ValidatesTokens(IResourceBuilder<ProjectResource> service)
    {
        service.WithEnvironment("Identity__Authority", Authority)
            .WithEnvironment("Identity__Audience", ApiAudience)
            // Plain HTTP is only ever the development provider (or a local Keycloak).
            .WithEnvironment("Identity__RequireHttpsMetadata", AuthorityIsHttps ? "true" : "false");
        if (Provider is not null)
        {
            service.WaitFor(Provider);
        }
        if (Keycloak is not null)
        {
            service.WaitFor(Keycloak);
        }
        return service;
    }

    /// <summary>The web front: signs users in as the confidential client <c>impress</c>, with redirect URIs on its own origin.</summary>
    public IResourceBuilder<ProjectResource> SignsUsersIn(IResourceBuilder<ProjectResource> web)
    {
        ValidatesTokens(web)
            .WithEnvironment("Identity__ClientId", WebClientId)
            .WithEnvironment("Identity__ClientSecret", ClientSecret);
        if (Provider is not null) // Docs.Identity runs only when the AppHost runs
        {
            Provider.WithEnvironment("Identity__Clients__0__ClientId", WebClientId)
                .WithEnvironment("Identity__Clients__0__ClientSecret", ClientSecret)
                .WithEnvironment("Identity__Clients__0__DisplayName", "Docs");
            foreach (var (origin, index) in WebOrigins.Of(web, running: true).Select((origin, index) => (origin, index)))
            {
                Provider.WithEnvironment($"Identity__Clients__0__RedirectUris__{index}", ReferenceExpression.Create($"{origin}/signin-oidc"))
                    .WithEnvironment($"Identity__Clients__0__PostLogoutRedirectUris__{index}", ReferenceExpression.Create($"{origin}/signout-callback-oidc"));
            }
        }
        // The realm's redirect URIs and web origin are the public URL of the web front.
        Keycloak?.WithEnvironment("DOCS_BASE_URL", ReferenceExpression.Create($"{web.Resource.HttpEndpoint}"));
        return web;
    }
}
