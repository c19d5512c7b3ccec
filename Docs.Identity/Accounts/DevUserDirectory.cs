using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Docs.Identity.Accounts;

/// <summary>The development accounts of the configuration, looked up by user name (or email) and by subject.</summary>
public sealed class DevUserDirectory
{
    private readonly Dictionary<string, (DevUser User, byte[] PasswordHash)> _byLogin = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DevUser> _byId = new(StringComparer.Ordinal);

    public DevUserDirectory(IOptions<IdentityOptions> options)
    {
        foreach (var account in options.Value.Users.Where(u => !string.IsNullOrWhiteSpace(u.UserName)))
        {
            var user = new DevUser(account.Id ?? StableId(account.UserName), account.UserName, account.Name, account.Email);
            var entry = (user, Hash(account.Password));
            _byLogin[account.UserName] = entry;
            if (!string.IsNullOrWhiteSpace(account.Email))
            {
                _byLogin.TryAdd(account.Email, entry);
            }
            _byId[user.Id] = user;
        }
    }

    public IEnumerable<DevUser> All => _byId.Values;

    public DevUser? FindById(string? id) => id is not null && _byId.TryGetValue(id, out var user) ? user : null;

    /// <summary>The account for these credentials, or null; the comparison takes the same time whatever matches.</summary>
    public DevUser? Validate(string? login, string? password)
    {
        var hash = Hash(password ?? "");
        if (login is null || !_byLogin.TryGetValue(login.Trim(), out var entry))
        {
            CryptographicOperations.FixedTimeEquals(hash, hash);
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(hash, entry.PasswordHash) ? entry.User : null;
    }

    /// <summary>A UUID derived from the user name, so that the subject survives restarts and configuration edits.</summary>
    public static string StableId(string userName)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("docs-dev-user:" + userName.ToLowerInvariant()));
        digest[6] = (byte)((digest[6] & 0x0F) | 0x50); // version 5-style
        digest[8] = (byte)((digest[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(digest.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private static byte[] Hash(string password) => SHA256.HashData(Encoding.UTF8.GetBytes(password));
}
