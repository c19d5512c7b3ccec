using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace Docs.Web.Authentication;

/// <summary>
/// Keeps sessions (and the tokens in them) server-side in Redis: the cookie carries only a key, so the
/// browser never holds a token, sessions survive restarts and any Web instance can serve any request.
/// Tickets are stored encrypted with the shared data-protection keys.
/// </summary>
public sealed class RedisTicketStore(IConnectionMultiplexer redis, IDataProtectionProvider dataProtection, TimeProvider time) : ITicketStore
{
    /// <summary>The claim that names the session's key, so the UI's circuits can find the session's tokens.</summary>
    public const string SessionKeyClaim = "docs:session";

    private const string KeyPrefix = "docs:web:session:";
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Docs.Web.Sessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Guid.NewGuid().ToString("N");
        if (ticket.Principal.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SessionKeyClaim))
        {
            identity.AddClaim(new System.Security.Claims.Claim(SessionKeyClaim, key));
        }
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var bytes = _protector.Protect(TicketSerializer.Default.Serialize(ticket));
        var expiry = ticket.Properties.ExpiresUtc is { } expires ? expires - time.GetUtcNow() : TimeSpan.FromHours(10);
        return redis.GetDatabase().StringSetAsync(KeyPrefix + key, bytes, expiry > TimeSpan.Zero ? expiry : TimeSpan.FromSeconds(1));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var bytes = (byte[]?)await redis.GetDatabase().StringGetAsync(KeyPrefix + key);
        if (bytes is null)
        {
            return null;
        }
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(bytes));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // keys rotated away: the session is gone, the user signs in again
        }
    }

    public Task RemoveAsync(string key) => redis.GetDatabase().KeyDeleteAsync(KeyPrefix + key);
}
