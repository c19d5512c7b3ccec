namespace Docs.Web.Authentication;

/// <summary>How the web front signs people in (section <c>Identity</c>).</summary>
public sealed class WebIdentitySettings
{
    public const string SectionName = "Identity";

    /// <summary>The OpenID Connect issuer (Keycloak: <c>https://host/realms/impress</c>).</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "impress";

    public string ClientSecret { get; set; } = "";

    /// <summary>Off only for a development provider served over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The access token is refreshed when it has less than this left.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a session lasts without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(10);
}
