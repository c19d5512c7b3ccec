using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace Docs.Web.Authentication;

public static class AuthenticationExtensions
{
    private static readonly string[] Scopes = ["openid", "profile", "email", "offline_access"];

    /// <summary>
    /// Sign-in with the OpenID Connect handler (code flow with PKCE) as the confidential client, sessions
    /// kept in Redis behind an encrypted cookie, data-protection keys shared in Redis by every Web
    /// instance, access tokens refreshed before they expire.
    /// </summary>
    public static IHostApplicationBuilder AddWebSignIn(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(WebIdentitySettings.SectionName);
        builder.Services.Configure<WebIdentitySettings>(section);
        var settings = section.Get<WebIdentitySettings>() ?? new WebIdentitySettings();
        if (string.IsNullOrWhiteSpace(settings.Authority))
        {
            throw new InvalidOperationException("Identity:Authority is not set: give the OpenID Connect issuer, such as https://keycloak.example.org/realms/impress.");
        }

        builder.Services.AddDataProtection().SetApplicationName("docs-web");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), "docs:web:data-protection-keys"));

        builder.Services.AddSingleton<RedisTicketStore>();
        builder.Services.AddSingleton<TokenRefresher>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<RedisTicketStore>((options, store) => options.SessionStore = store);

        builder.Services.AddAuthentication(options =>
            {
                // Unauthenticated pages go to /login, which starts the OpenID Connect challenge; API callers get 401.
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "docs.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/login";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.ExpireTimeSpan = settings.SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<TokenRefresher>().ValidateAsync(context);
                // API-style callers get status codes, not redirects to the provider.
                cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = settings.Authority;
                oidc.ClientId = settings.ClientId;
                oidc.ClientSecret = settings.ClientSecret;
                oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                // The code comes back by a top-level GET, so the Lax correlation cookies are sent over plain HTTP in development too.
                oidc.ResponseMode = "query";
                oidc.Scope.Clear();
                foreach (var scope in Scopes)
                {
                    oidc.Scope.Add(scope);
                }
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.TokenValidationParameters.NameClaimType = "name";
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                oidc.CallbackPath = "/signin-oidc";
                oidc.SignedOutCallbackPath = "/signout-callback-oidc";
                oidc.SignedOutRedirectUri = "/";
                // Where the callback sends the browser, checked where it is emitted too, whatever set it.
                oidc.Events.OnTicketReceived = context =>
                {
                    context.ReturnUri = LocalPath.OrRoot(context.ReturnUri);
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "docs.antiforgery";
            antiforgery.HeaderName = "X-XSRF-TOKEN"; // how the page's scripts prove themselves to the gateway
        });
        return builder;
    }

    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/auth")
            || context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
