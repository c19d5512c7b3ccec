using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Docs.Core.Collaboration;

/// <summary>What a collaboration ticket grants: who, which document, and whether they may write.</summary>
public sealed record CollaborationGrant(Guid DocumentId, Guid? UserId, string? UserName, bool CanWrite, DateTimeOffset ExpiresAt);

/// <summary>
/// Short-lived tickets that Docs.Api issues and Docs.Collab verifies offline: an HS256 JWT signed with
/// the shared <c>Collaboration:ServerSecret</c>, for the audience <c>docs-collab</c>, valid at most
/// <see cref="MaxLifetime"/>, so a leaked ticket is soon worthless and a changed permission soon applies.
/// </summary>
public sealed class CollaborationTicket
{
    public const string Audience = "docs-collab";
    public const string Issuer = "docs-api";
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromSeconds(60);

    private const string DocumentClaim = "doc";
    private const string WriteClaim = "wr";
    private readonly SymmetricSecurityKey _key;
    private readonly TimeProvider _time;

    public CollaborationTicket(string serverSecret, TimeProvider time)
    {
        if (string.IsNullOrEmpty(serverSecret) || Encoding.UTF8.GetByteCount(serverSecret) < 32)
        {
            throw new InvalidOperationException("Collaboration:ServerSecret must be set, at least 32 bytes long.");
        }
        _key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(serverSecret));
        _time = time;
    }

    public string Issue(Guid documentId, Guid? userId, string? userName, bool canWrite, TimeSpan? lifetime = null)
    {
        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            [DocumentClaim] = documentId.ToString(),
            [WriteClaim] = canWrite,
            ["sub"] = userId?.ToString() ?? "anonymous",
        };
        if (!string.IsNullOrEmpty(userName))
        {
            claims["name"] = userName;
        }
        var life = lifetime is { } l && l < MaxLifetime ? l : MaxLifetime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + life).UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The grant of a valid ticket, or null (bad signature, expired, another audience, malformed).</summary>
    public async Task<CollaborationGrant?> ValidateAsync(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket) || ticket.Length > 4096)
        {
            return null;
        }
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(ticket, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(5),
            RequireExpirationTime = true,
            LifetimeValidator = (notBefore, expires, _, _) => expires is { } e
                && e > _time.GetUtcNow().UtcDateTime.AddSeconds(-5)
                && (notBefore is null || notBefore <= _time.GetUtcNow().UtcDateTime.AddSeconds(5))
                && notBefore is { } n && e - n <= MaxLifetime,
        });
        if (!result.IsValid || !Guid.TryParse(result.Claims.TryGetValue(DocumentClaim, out var doc) ? doc as string : null, out var documentId))
        {
            return null;
        }
        var subject = result.Claims.TryGetValue("sub", out var sub) ? sub as string : null;
        var canWrite = result.Claims.TryGetValue(WriteClaim, out var write) && write is true;
        return new CollaborationGrant(documentId, Guid.TryParse(subject, out var userId) ? userId : null,
            result.Claims.TryGetValue("name", out var name) ? name as string : null, canWrite,
            new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero));
    }
}
