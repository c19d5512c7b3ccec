using System.Security.Claims;
using System.Text.Json;
using Docs.Identity.Accounts;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Docs.Identity.Endpoints;

/// <summary>
/// The parts of the OpenID Connect endpoints that OpenIddict hands back to us ("passthrough"): who the
/// user is at the authorization endpoint, which grants the token endpoint honours, what userinfo says,
/// and what ending a session revokes. Paths follow Keycloak's <c>/realms/{realm}/protocol/openid-connect/*</c>.
/// </summary>
public static class ProtocolEndpoints
{
    public const string AuthorizationPath = "protocol/openid-connect/auth";
    public const string TokenPath = "protocol/openid-connect/token";
    public const string UserInfoPath = "protocol/openid-connect/userinfo";
    public const string EndSessionPath = "protocol/openid-connect/logout";
    public const string JwksPath = "protocol/openid-connect/certs";
    public const string IntrospectionPath = "protocol/openid-connect/token/introspect";
    public const string RevocationPath = "protocol/openid-connect/revoke";
    public const string ConfigurationPath = ".well-known/openid-configuration";

    private const string OpenIddictScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>Maps the passthrough endpoints, relative to the realm's base path.</summary>
    public static IEndpointRouteBuilder MapProtocolEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods(AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        routes.MapPost(TokenPath, ExchangeAsync);
        routes.MapMethods(UserInfoPath, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync);
        routes.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSessionAsync);
        return routes;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, DevUserDirectory users, IOpenIddictAuthorizationManager authorizations,
        IOpenIddictApplicationManager applications, IOptions<IdentityOptions> options)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var user = session.Succeeded ? users.FindById(session.Principal.FindFirstValue(Claims.Subject)) : null;
        var tooOld = request.MaxAge is { } maxAge && session.Properties?.IssuedUtc is { } issued
            && DateTimeOffset.UtcNow - issued > TimeSpan.FromSeconds(maxAge);

        if (user is null || tooOld || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }
            // Back to this request once signed in, without "prompt=login", which would loop.
            var parameters = context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList();
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(
                parameters.Where(p => p.Key != Parameters.Prompt));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        var sessionId = session.Principal!.FindFirstValue(TokenClaims.SessionId);
        var principal = TokenClaims.Create(user, request.GetScopes(), options.Value.Audience, sessionId);

        // One authorization per browser session and client, so that ending the session revokes its tokens.
        var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
        var descriptor = new OpenIddictAuthorizationDescriptor
        {
            ApplicationId = await applications.GetIdAsync(application),
            Subject = user.Id,
            Type = AuthorizationTypes.AdHoc,
            Status = Statuses.Valid,
            CreationDate = DateTimeOffset.UtcNow,
            Properties = { [TokenClaims.SessionId] = JsonSerializer.SerializeToElement(sessionId) },
        };
        descriptor.Scopes.UnionWith(request.GetScopes());
        var authorization = await authorizations.CreateAsync(descriptor);
        principal.SetAuthorizationId(await authorizations.GetIdAsync(authorization));
        return Results.SignIn(principal, authenticationScheme: OpenIddictScheme);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, DevUserDirectory users, SignInThrottle throttle, IOptions<IdentityOptions> options)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictScheme);
            var user = users.FindById(result.Principal?.FindFirstValue(Claims.Subject));
            if (user is null)
            {
                return Forbid(Errors.InvalidGrant, "The account no longer exists.");
            }
            // Fresh claims at each refresh: a renamed account shows its new name.
            var principal = TokenClaims.Create(user, result.Principal!.GetScopes(), options.Value.Audience,
                result.Principal!.FindFirstValue(TokenClaims.SessionId));
            principal.SetAuthorizationId(result.Principal!.GetAuthorizationId());
            return Results.SignIn(principal, authenticationScheme: OpenIddictScheme);
        }
        if (request.IsPasswordGrantType())
        {
            var address = context.Connection.RemoteIpAddress?.ToString();
            if (throttle.RetryAfter(request.Username, address) is { } wait)
            {
                return Forbid(Errors.InvalidGrant, $"Too many failed attempts; try again in {Math.Ceiling(wait.TotalSeconds)} seconds.");
            }
            var user = users.Validate(request.Username, request.Password);
            if (user is null)
            {
                throttle.Failed(request.Username, address);
                return Forbid(Errors.InvalidGrant, "Invalid user name or password.");
            }
            throttle.Succeeded(request.Username);
            return Results.SignIn(TokenClaims.Create(user, request.GetScopes(), options.Value.Audience, sessionId: null),
                authenticationScheme: OpenIddictScheme);
        }
        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext context, DevUserDirectory users)
    {
        var result = await context.AuthenticateAsync(OpenIddictScheme);
        var user = users.FindById(result.Principal?.FindFirstValue(Claims.Subject));
        if (user is null)
        {
            return Results.Challenge(Error(Errors.InvalidToken, "The account no longer exists."), [OpenIddictScheme]);
        }
        var claims = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (result.Principal!.HasScope(Scopes.Profile))
        {
            claims[Claims.PreferredUsername] = user.UserName;
            claims[Claims.Name] = user.Name;
            claims[Claims.GivenName] = user.GivenName;
            claims[Claims.FamilyName] = user.FamilyName;
        }
        if (result.Principal!.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = true;
        }
        return Results.Ok(claims);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext context, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
    {
        var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (session.Succeeded)
        {
            var subject = session.Principal.FindFirstValue(Claims.Subject);
            var sessionId = session.Principal.FindFirstValue(TokenClaims.SessionId);
            if (subject is not null && sessionId is not null)
            {
                await RevokeSessionAsync(authorizations, tokens, subject, sessionId, context.RequestAborted);
            }
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
        // OpenIddict sends the browser to the validated post_logout_redirect_uri, or to this page's own redirect.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictScheme]);
    }

    /// <summary>Revokes the authorizations made in one browser session, and with them their refresh tokens.</summary>
    private static async Task RevokeSessionAsync(IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens,
        string subject, string sessionId, CancellationToken cancellationToken)
    {
        var revoked = new List<string>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(subject, cancellationToken))
        {
            var properties = await authorizations.GetPropertiesAsync(authorization, cancellationToken);
            if (properties.TryGetValue(TokenClaims.SessionId, out var value) && value.ValueKind == JsonValueKind.String
                && value.GetString() == sessionId && await authorizations.TryRevokeAsync(authorization, cancellationToken))
            {
                revoked.Add((await authorizations.GetIdAsync(authorization, cancellationToken))!);
            }
        }
        foreach (var id in revoked)
        {
            await tokens.RevokeByAuthorizationIdAsync(id, cancellationToken);
        }
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(Error(error, description), [OpenIddictScheme]);

    private static AuthenticationProperties Error(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
