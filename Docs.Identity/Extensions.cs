using Docs.Identity.Accounts;
using Docs.Identity.Data;
using Docs.Identity.Endpoints;
using Docs.Identity.Keys;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Docs.Identity;

public static class Extensions
{
    /// <summary>The OpenIddict server with Keycloak's endpoints, its PostgreSQL store, the accounts and the sign-in session.</summary>
    public static IHostApplicationBuilder AddDevIdentityProvider(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(IdentityOptions.SectionName);
        builder.Services.Configure<IdentityOptions>(section);
        var options = section.Get<IdentityOptions>() ?? new IdentityOptions();
        var issuer = options.Issuer
            ?? throw new InvalidOperationException("Identity:Issuer is not set: give the public URL of the realm, such as http://localhost:8083/realms/impress.");
        var keyDirectory = Path.GetFullPath(options.KeyDirectory);

        builder.AddDocsDbContext<IdentityDbContext>(ResourceNames.IdentityDatabase);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DevUserDirectory>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddHostedService<ClientRegistration>();

        builder.Services.AddDataProtection()
            .SetApplicationName("docs-identity")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(keyDirectory, "cookie-keys")));
        builder.Services.AddAntiforgery(antiforgery => antiforgery.Cookie.Name = "docs.identity.antiforgery");
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "docs.identity.session";
                cookie.Cookie.Path = options.RealmPath;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.LoginPath = "/" + SignInPage.Path; // under the realm's base path
                cookie.ExpireTimeSpan = options.SessionLifetime;
                cookie.SlidingExpiration = false;
            });
        builder.Services.AddAuthorization();

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(server =>
            {
                // Endpoints are relative to the issuer, which ends with /realms/{realm}: Keycloak's layout.
                server.SetIssuer(issuer)
                    .SetConfigurationEndpointUris(ProtocolEndpoints.ConfigurationPath)
                    .SetAuthorizationEndpointUris(ProtocolEndpoints.AuthorizationPath)
                    .SetTokenEndpointUris(ProtocolEndpoints.TokenPath)
                    .SetUserInfoEndpointUris(ProtocolEndpoints.UserInfoPath)
                    .SetEndSessionEndpointUris(ProtocolEndpoints.EndSessionPath)
                    .SetJsonWebKeySetEndpointUris(ProtocolEndpoints.JwksPath)
                    .SetIntrospectionEndpointUris(ProtocolEndpoints.IntrospectionPath)
                    .SetRevocationEndpointUris(ProtocolEndpoints.RevocationPath);
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowPasswordFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess);
                server.RegisterClaims(Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.GivenName, Claims.FamilyName,
                    Claims.Email, Claims.EmailVerified, TokenClaims.SessionId);
                server.SetAccessTokenLifetime(options.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(options.RefreshTokenLifetime)
                    .SetIdentityTokenLifetime(options.AccessTokenLifetime);
                server.AddSigningKey(PersistedKeys.LoadOrCreateSigningKey(keyDirectory))
                    .AddEncryptionKey(PersistedKeys.LoadOrCreateEncryptionKey(keyDirectory))
                    // Plain signed JWTs, so that any resource server (JwtBearer) validates them with the JWKS.
                    .DisableAccessTokenEncryption();
                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableStatusCodePagesIntegration();
                if (issuer.Scheme == Uri.UriSchemeHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        return builder;
    }

    /// <summary>Security headers for the provider's own pages: no framing, no sniffing, only this origin's resources.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        await next(context);
    });
}
