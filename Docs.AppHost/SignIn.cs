using Aspire.Hosting.Postgres;
using Docs.Hosting;
using Docs.Hosting.Infrastructure;
using Docs.Hosting.Publishing;
using Docs.Hosting.Services;
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

    private SignIn(IConfiguration configuration, ReferenceExpression authority, IResourceBuilder<ParameterResource> clientSecret, bool external = false)
    {
        _configuration = configuration;
        Authority = authority;
        ClientSecret = clientSecret;
        _externalIsHttps = external && authority.ValueExpression.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
    }

    private readonly bool _externalIsHttps;

    /// <summary>Docs.Identity, when it runs.</summary>
    public IResourceBuilder<ProjectResource>? Provider { get; private init; }

    /// <summary>Keycloak, when published without an external authority.</summary>
    public IResourceBuilder<ContainerResource>? Keycloak { get; private init; }

    public IResourceBuilder<ParameterResource> ClientSecret { get; }

    public static SignIn Add(IDistributedApplicationBuilder builder, PostgresServer postgres)
    {
        var authority = builder.Configuration["Identity:Authority"];
        if (!string.IsNullOrWhiteSpace(authority))
        {
            // The provider's own client secret: configured (Parameters:oidc-client-secret), never generated.
            var configuredSecret = builder.AddParameter("oidc-client-secret", secret: true);
            return new SignIn(builder.Configuration, ReferenceExpression.Create($"{authority.TrimEnd('/')}"), configuredSecret, external: true);
        }
        var clientSecret = builder.AddGeneratedSecret("oidc-client-secret");
        if (builder.ExecutionContext.IsPublishMode)
        {
            return AddKeycloak(builder, postgres, clientSecret);
        }

        var identitydb = postgres.AddDatabase(ResourceNames.IdentityDatabase, databaseName: "identity");
        var provider = builder.AddService<Projects.Docs_Identity>(ResourceNames.Identity, defaultPort: 8083)
            .WithReference(identitydb).WaitFor(identitydb)
            .WithEnvironment("Identity__Realm", Realm)
            .WithEnvironment("Identity__Audience", ApiAudience)
            .WithEnvironment("Identity__KeyDirectory", Path.Combine(builder.DataDirectory(), "identity"))
            .WithDevUsers(builder.Configuration.GetSection("DevUsers"))
            .WithEnvironment("Identity__Clients__1__ClientId", DevClientId)
            .WithEnvironment("Identity__Clients__1__AllowPasswordGrant", "true");
        var issuer = ReferenceExpression.Create($"{provider.GetEndpoint("http")}/realms/{Realm}");
        provider.WithEnvironment("Identity__Issuer", issuer);
        return new SignIn(builder.Configuration, issuer, clientSecret)
        {
            Provider = provider,
        };
    }

    /// <summary>
    /// Keycloak on its own public URL (<c>Publish:Urls:keycloak</c>), its data in a <c>keycloak</c> database of
    /// the same server, importing the realm (client, audience mapper, brute-force protection) at start.
    /// </summary>
    private static SignIn AddKeycloak(IDistributedApplicationBuilder builder, PostgresServer postgres, IResourceBuilder<ParameterResource> clientSecret)
    {
        var keycloakdb = postgres.AddDatabase("keycloakdb", databaseName: "keycloak");
        var adminPassword = builder.AddGeneratedSecret("keycloak-admin-password");
        var server = postgres.Container.Resource;
        var (image, tag) = (KeycloakImage.Split(':')[0], KeycloakImage.Split(':')[1]);
        var keycloak = builder.AddContainer("keycloak", image, tag)
            .WithHttpEndpoint(targetPort: 8080, port: builder.Configuration.GetValue("identity:Port", 8083))
            .WithArgs("start", "--import-realm")
            .WithBindMount("../deploy/keycloak", "/opt/keycloak/data/import", isReadOnly: true)
            .WithHealthProbes("/health/ready", "/health/live", port: 9000)
            .WaitFor(keycloakdb)
            .WithEnvironment("KC_DB", "postgres")
            .WithEnvironment("KC_DB_URL", ReferenceExpression.Create(
                $"jdbc:postgresql://{server.PrimaryEndpoint.Property(EndpointProperty.Host)}:{server.PrimaryEndpoint.Property(EndpointProperty.Port)}/keycloak"))
            .WithEnvironment("KC_DB_USERNAME", server.UserNameReference)
            .WithEnvironment("KC_DB_PASSWORD", server.PasswordParameter)
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .WithEnvironment("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword)
            // TLS ends at the Ingress; Keycloak builds its URLs from the public one.
            .WithEnvironment("KC_HTTP_ENABLED", "true")
            .WithEnvironment("KC_PROXY_HEADERS", "xforwarded")
            .WithEnvironment("KC_HEALTH_ENABLED", "true")
            .WithEnvironment("DOCS_OIDC_CLIENT_SECRET", clientSecret)
            .WithExternalHttpEndpoints();
        keycloak.WithEnvironment("KC_HOSTNAME", ReferenceExpression.Create($"{keycloak.GetEndpoint("http")}"));
        return new SignIn(builder.Configuration, ReferenceExpression.Create($"{keycloak.GetEndpoint("http")}/realms/{Realm}"), clientSecret)
        {
            Keycloak = keycloak,
        };
    }

    /// <summary>The issuer URL, as services validate it.</summary>
    public ReferenceExpression Authority { get; }

    /// <summary>Whether the issuer is on HTTPS: the development provider is not; a published Keycloak is unless its public URL says otherwise.</summary>
    private bool AuthorityIsHttps => Keycloak is not null
        ? PublicUrls.Of(_configuration, Keycloak.GetEndpoint("http")).Scheme == Uri.UriSchemeHttps
        : _externalIsHttps;

    /// <summary>A resource server: validates bearer tokens of this authority for the API's audience.</summary>
    public IResourceBuilder<ProjectResource> ValidatesTokens(IResourceBuilder<ProjectResource> service)
    {
        service.WithEnvironment("Identity__Authority", Authority)
            .WithEnvironment("Identity__Audience", ApiAudience)
            // Plain HTTP is only ever the development provider (or a local Keycloak).
            .WithEnvironment("Identity__RequireHttpsMetadata", AuthorityIsHttps ? "true" : "false");
        // No WaitFor: a service reads the provider's keys at the first token it sees, not at start, so
        // both start side by side.
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
        Keycloak?.WithEnvironment("DOCS_BASE_URL", ReferenceExpression.Create($"{web.GetEndpoint("http")}"));
        return web;
    }
}
