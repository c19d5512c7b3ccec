using System.Security.Claims;

namespace Docs.Api.Authentication;

/// <summary>The claims the API reads, and the one it adds: the id of the provisioned user.</summary>
public static class DocsClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Name = "name";
    public const string GivenName = "given_name";
    public const string FamilyName = "family_name";
    public const string PreferredUsername = "preferred_username";

    /// <summary>Added after provisioning: the <c>users.id</c> of the caller.</summary>
    public const string UserId = "docs_user_id";

    /// <summary>The caller's user id, or null for an anonymous visitor.</summary>
    public static Guid? GetUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(UserId), out var id) ? id : null;
}
