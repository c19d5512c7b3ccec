using Docs.Api.Authentication;
using Docs.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Docs.Api.Features.Users;

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization();
        users.MapGet("/me/", GetMeAsync).WithName("GetCurrentUser");
        return api;
    }

    private static async Task<IResult> GetMeAsync(HttpContext context, DocsDbContext db)
    {
        var id = context.User.GetUserId();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, context.RequestAborted);
        return user is null ? Results.NotFound() : Results.Ok(UserResponse.From(user));
    }
}
