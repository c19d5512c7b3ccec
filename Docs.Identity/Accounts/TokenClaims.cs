using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Docs.Identity.Accounts;

/// <summary>
/// The claims of a user's tokens, as Keycloak puts them: <c>sub</c>, <c>preferred_username</c>,
/// <c>name</c>, <c>given_name</c>, <c>family_name</c>, <c>email</c>, <c>email_verified</c> and the
/// session id <c>sid</c>, in both the access token and the identity token.
/// </summary>
public static class TokenClaims
{
    public const string SessionId = "sid";

    public static ClaimsPrincipal Create(DevUser user, IEnumerable<string> scopes, string audience, string? sessionId)
    {
        var identity = new ClaimsIdentity(authenticationType: "docs-identity", nameType: Claims.Name, roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.GivenName, user.GivenName)
            .SetClaim(Claims.FamilyName, user.FamilyName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, true)
            .SetClaim(SessionId, sessionId);
        identity.SetScopes(scopes);
        identity.SetResources(audience);
        identity.SetDestinations(static claim => claim.Type switch
        {
            Claims.Subject or SessionId => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email or Claims.EmailVerified when claim.Subject!.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Name or Claims.PreferredUsername or Claims.GivenName or Claims.FamilyName when claim.Subject!.HasScope(Scopes.Profile) =>
                [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [],
        });
        return new ClaimsPrincipal(identity);
    }
}
