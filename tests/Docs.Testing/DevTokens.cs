using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Docs.Testing;

/// <summary>
/// Access tokens signed with the development provider's own persisted key (under the data directory),
/// as Docs.Identity would issue them, for any claims: many users for tests and benchmarks without a
/// sign-in each, and tokens the provider would never issue (expired, another audience) for refusal tests.
/// </summary>
public static class DevTokens
{
    public const string Audience = "docs-api";

    public static Uri Issuer(TestingApplication app) => new(app.GetEndpoint("identity"), "/realms/impress");

    public static string KeyDirectory(TestingApplication app) => Path.Combine(app.DataDirectory, "identity");

    public static RsaSecurityKey LoadSigningKey(TestingApplication app)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(KeyDirectory(app), "signing-key.pem")));
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    public static string Mint(TestingApplication app, IDictionary<string, object> claims, DateTime? expires = null, string? issuer = null,
        string? audience = null, SecurityKey? key = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(5);
        var issuedAt = expiry < DateTime.UtcNow ? expiry.AddMinutes(-5) : DateTime.UtcNow.AddSeconds(-5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer(app).ToString(),
            Audience = audience ?? Audience,
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expiry,
            SigningCredentials = new SigningCredentials(key ?? LoadSigningKey(app), SecurityAlgorithms.RsaSha256),
            TokenType = "at+jwt",
        });
    }
}
