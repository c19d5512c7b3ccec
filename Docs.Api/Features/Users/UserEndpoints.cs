using Docs.Api.Authentication;
using Docs.Api.Infrastructure;
using Docs.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Users;

/// <summary>A user as others see them when sharing: never more than this.</summary>
public sealed record UserSearchResult(Guid Id, string? Email, string? FullName, string? ShortName);

/// <summary><c>users/</c>: the caller, and people to share with.</summary>
public static class UserEndpoints
{
    public const int MinQueryLength = 3;
    public const int MaxResults = 10;

    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization();
        users.MapGet("/me/", GetMeAsync).WithName("GetCurrentUser").WithSummary("The signed-in user.");
        users.MapGet("/", SearchAsync).WithName("SearchUsers").WithSummary("People to share with: co-members and colleagues whose email or name contains q.");
        return api;
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetMeAsync(HttpContext context, DocsDbContext db)
    {
        var id = context.User.GetUserId();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, context.RequestAborted);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(UserResponse.From(user));
    }

    /// <summary>
    /// People to share with, found by email or name: only those the caller already shares a document
    /// with, or who have the caller's email domain, so the user base cannot be listed.
    /// </summary>
    private static async Task<Results<Ok<List<UserSearchResult>>, FieldsProblem>> SearchAsync(HttpContext context, DocsDbContext db, string? q)
    {
        var query = q?.Trim() ?? "";
        if (query.Length < MinQueryLength)
        {
            return Problems.Validation("q", $"At least {MinQueryLength} characters.");
        }
        var me = context.User.GetUserId()!.Value;
        var myEmail = await db.Users.Where(u => u.Id == me).Select(u => u.Email).SingleOrDefaultAsync(context.RequestAborted);
        var domain = myEmail is not null && myEmail.Contains('@', StringComparison.Ordinal) ? myEmail[myEmail.IndexOf('@', StringComparison.Ordinal)..] : null;
        var myDocuments = db.DocumentAccesses.Where(a => a.UserId == me).Select(a => a.DocumentId);
        var coMembers = db.DocumentAccesses.Where(a => myDocuments.Contains(a.DocumentId)).Select(a => a.UserId);
        var pattern = LikePattern.Containing(query);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.Id != me && u.IsActive
                && (coMembers.Contains(u.Id) || (domain != null && u.Email!.EndsWith(domain)))
                && (EF.Functions.ILike(u.Email ?? "", pattern) || EF.Functions.ILike(u.FullName ?? "", pattern)))
            .OrderBy(u => u.Email).Take(MaxResults)
            .Select(u => new UserSearchResult(u.Id, u.Email, u.FullName, u.ShortName))
            .ToListAsync(context.RequestAborted);
        return TypedResults.Ok(users);
    }
}
