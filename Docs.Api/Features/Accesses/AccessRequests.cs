using System.Text.Json.Serialization;
using Docs.Api.Features.Documents;
using Docs.Api.Infrastructure;
using Docs.Core.Access;

namespace Docs.Api.Features.Accesses;

public sealed record CreateAccessRequest(Guid? UserId, string? Role) : IValidatedRequest
{
    [JsonIgnore]
    public Role ParsedRole => EnumNames.Parse<Role>(Role);

    public TypedProblem? Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (UserId is null)
        {
            errors["user_id"] = ["Required."];
        }
        RoleField.Check(Role, errors);
        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }
}

/// <summary>A new role for an access or an invitation.</summary>
public sealed record ChangeRoleRequest(string? Role) : IValidatedRequest
{
    [JsonIgnore]
    public Role ParsedRole => EnumNames.Parse<Role>(Role);

    public TypedProblem? Validate()
    {
        var errors = new Dictionary<string, string[]>();
        RoleField.Check(Role, errors);
        return errors.Count > 0 ? Problems.Validation(errors) : null;
    }
}

/// <summary>The <c>role</c> field of the sharing requests.</summary>
internal static class RoleField
{
    public const string Name = "role";

    public static void Check(string? role, Dictionary<string, string[]> errors)
    {
        if (!EnumNames.TryParse<Role>(role, out _))
        {
            errors[Name] = [EnumNames.OneOf<Role>()];
        }
    }
}

/// <summary>The routes of a document's sharing resources (accesses, invitations): members see them, managers change them.</summary>
internal static class SharingRoutes
{
    /// <summary>
    /// <c>documents/{id}/{resource}</c> for signed-in callers, as two groups: one for members (accesses view),
    /// one for managers (accesses manage), whose writes are throttled by <paramref name="writeLimit"/>.
    /// </summary>
    public static (RouteGroupBuilder View, RouteGroupBuilder Manage) MapSharingGroups(this RouteGroupBuilder api, string resource, string tag,
        string writeLimit)
    {
        var routes = api.MapGroup($"/documents/{{id:guid}}/{resource}").WithTags(tag).RequireAuthorization();
        return (routes.MapGroup("").RequireDocument(a => a.AccessesView),
            routes.MapGroup("").RequireDocument(a => a.AccessesManage).RequireRateLimiting(writeLimit));
    }
}
