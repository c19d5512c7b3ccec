namespace Docs.Api.Authentication;

/// <summary>Which OpenID Connect provider's tokens the API accepts (section <c>Identity</c>).</summary>
public sealed class IdentitySettings
{
    public const string SectionName = "Identity";

    /// <summary>The issuer, e.g. <c>https://keycloak.example.org/realms/impress</c>; its discovery document gives the keys.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The audience access tokens must name.</summary>
    public string Audience { get; set; } = "docs-api";

    /// <summary>Off only for a development provider served over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// When no user has the token's <c>sub</c>, take the user with the same email (and record the new
    /// <c>sub</c>): for a provider change. Off where emails are not verified by the provider.
    /// </summary>
    public bool MatchUsersByEmail { get; set; } = true;

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
