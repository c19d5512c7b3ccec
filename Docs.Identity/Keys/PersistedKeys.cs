using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Docs.Identity.Keys;

/// <summary>
/// The token signing key (RSA, RS256) and the encryption key (AES-256) of the provider, created on first
/// start and read back afterwards, so tokens, codes and refresh tokens stay valid across restarts.
/// Files are written owner-only.
/// </summary>
public static class PersistedKeys
{
    public static RsaSecurityKey LoadOrCreateSigningKey(string directory)
    {
        var path = Path.Combine(directory, "signing-key.pem");
        if (!File.Exists(path))
        {
            using var generated = RSA.Create(2048);
            WriteSecret(path, generated.ExportPkcs8PrivateKeyPem());
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        var key = new RsaSecurityKey(rsa);
        // A stable key id (the JWK thumbprint) lets clients keep the JWKS they cached across restarts.
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    public static SymmetricSecurityKey LoadOrCreateEncryptionKey(string directory)
    {
        var path = Path.Combine(directory, "encryption-key");
        if (!File.Exists(path))
        {
            WriteSecret(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    private static void WriteSecret(string path, string contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(contents);
        }
        // Two instances starting together: the first key written wins, and both read it back.
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
