using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Docs.Api.Authentication;

/// <summary>
/// Remembers, for a few minutes, which exact token strings carried a valid signature, so a client
/// sending the same access token on every call pays the RSA verification once. Only the signature is
/// remembered: issuer, audience and lifetime are still checked on every request by the handler.
/// </summary>
public sealed class SignatureCache(IMemoryCache cache)
{
    /// <summary>How long a verified signature is trusted without checking again (also the delay for a withdrawn signing key to take effect).</summary>
    public static readonly TimeSpan Remember = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    /// <summary>For <see cref="TokenValidationParameters.SignatureValidator"/>: the parsed token when its signature is (known to be) valid.</summary>
    public SecurityToken Validate(string token, TokenValidationParameters parameters)
    {
        var key = new CacheKey(token);
        if (cache.TryGetValue(key, out _))
        {
            return new JsonWebToken(token);
        }
        // Not seen yet: the library's own signature check (this delegate taken out; the rest is the caller's job, as always).
        var signatureOnly = parameters.Clone();
        signatureOnly.SignatureValidator = null;
        signatureOnly.ValidateIssuer = false;
        signatureOnly.ValidateAudience = false;
        signatureOnly.ValidateLifetime = false;
        var result = _handler.ValidateTokenAsync(token, signatureOnly).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            throw result.Exception ?? new SecurityTokenInvalidSignatureException("The token's signature is not valid.");
        }
        var validTo = result.SecurityToken.ValidTo;
        var expires = DateTimeOffset.UtcNow + Remember;
        cache.Set(key, true, validTo > DateTime.MinValue && new DateTimeOffset(validTo, TimeSpan.Zero) < expires ? new DateTimeOffset(validTo, TimeSpan.Zero) : expires);
        return result.SecurityToken;
    }

    /// <summary>Typed so that these entries never collide with other users of the shared memory cache.</summary>
    private readonly record struct CacheKey(string Token);
}
