using Docs.Core.Data.Entities;

namespace Docs.Api.Features.Users;

/// <summary>A user as the API shows them to themselves.</summary>
public sealed record UserResponse(Guid Id, string? Email, string? FullName, string? ShortName, string Language, string Timezone, bool IsFirstConnection)
{
    public static UserResponse From(User user) =>
        new(user.Id, user.Email, user.FullName, user.ShortName, user.Language, user.Timezone, user.IsFirstConnection);
}
