using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Net.Http.Headers;

namespace Docs.Api.Authentication;

/// <summary>
/// Remembers, for a few minutes, the signed-in person of each exact access-token string that passed the full
/// validation (signature, issuer, audience, lifetime) and provisioning, so a client sending the same token on
/// every call pays for parsing, RSA verification and building claims once. An entry never outlives its token.
/// The principal is shared by the requests of that token: nothing in this service changes a principal after sign-in.
/// </summary>
public sealed class AuthenticatedTokens(IMemoryCache cache, TimeProvider time)
{
    /// <summary>How long a validated token is trusted without checking again (also the delay for a withdrawn signing key to take effect).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>For <see cref="JwtBearerEvents.OnMessageReceived"/>: a token validated before signs in without being validated again.</summary>
    public Task SignInIfRememberedAsync(MessageReceivedContext context)
    {
        if (BearerToken(context.Request) is { } token
            && cache.TryGetValue(new CacheKey(token), out ClaimsPrincipal? principal) && principal is not null)
        {
            context.Principal = principal;
            context.Success();
        }
        return Task.CompletedTask;
    }

    /// <summary>For <see cref="JwtBearerEvents.OnTokenValidated"/>, once the token passed every check and its person was provisioned.</summary>
    public void Remember(TokenValidatedContext context)
    {
        if (context.Principal is not { } principal || context.SecurityToken is not JsonWebToken validated)
        {
            return;
        }
        var expires = time.GetUtcNow() + Lifetime;
        var validTo = new DateTimeOffset(validated.ValidTo, TimeSpan.Zero);
        if (validTo < expires)
        {
            expires = validTo;
        }
        cache.Set(new CacheKey(validated.EncodedToken), principal, expires);
    }

    /// <summary>The token of an <c>Authorization: Bearer …</c> header, as the JwtBearer handler reads it.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        string? authorization = request.Headers[HeaderNames.Authorization];
        const string Scheme = "Bearer ";
        return authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? authorization[Scheme.Length..].Trim() is { Length: > 0 } token ? token : null
            : null;
    }

    /// <summary>Typed so that these entries never collide with other users of the shared memory cache.</summary>
    private readonly record struct CacheKey(string Token);
}
