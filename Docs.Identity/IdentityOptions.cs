namespace Docs.Identity;

/// <summary>The development provider's settings (section <c>Identity</c>).</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>The realm in the URL layout <c>/realms/{realm}/...</c>, as Keycloak's.</summary>
    public string Realm { get; set; } = "impress";

    /// <summary>The public issuer, <c>http://host:port/realms/{realm}</c>; it must be what browsers and services use.</summary>
    public Uri? Issuer { get; set; }

    /// <summary>The audience put in every access token: the API's name.</summary>
    public string Audience { get; set; } = "docs-api";

    /// <summary>Where the signing and encryption keys and the cookie keys are kept, so tokens and sessions survive restarts.</summary>
    public string KeyDirectory { get; set; } = ".data/identity";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>The browser session at the provider (single sign-on) lasts this long.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(10);

    public List<DevUserOptions> Users { get; set; } = [];

    public List<ClientOptions> Clients { get; set; } = [];

    public SignInThrottleOptions SignIn { get; set; } = new();

    public string RealmPath => $"/realms/{Realm}";
}

/// <summary>A development account; <see cref="Id"/> defaults to a UUID derived from the user name, so it is stable.</summary>
public sealed class DevUserOptions
{
    public string? Id { get; set; }

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";
}

/// <summary>A registered client: confidential when it has a secret, public otherwise.</summary>
public sealed class ClientOptions
{
    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    public string? DisplayName { get; set; }

    public List<Uri> RedirectUris { get; set; } = [];

    public List<Uri> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>Allows the resource-owner password grant (Keycloak's "direct access grants"), for tests and scripts.</summary>
    public bool AllowPasswordGrant { get; set; }
}

/// <summary>Brute-force protection: after <see cref="MaxFailures"/> failures a user name or an address waits, longer each time.</summary>
public sealed class SignInThrottleOptions
{
    public int MaxFailures { get; set; } = 5;

    public int MaxFailuresPerAddress { get; set; } = 50;

    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures older than this are forgotten.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
